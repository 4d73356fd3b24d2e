import Link from "next/link";

export default function Home() {
  return (
    <main>
      <h1>Porthole</h1>
      <p>
        Webhook portal and Svix-compatible delivery core. Your application embeds the portal with a link from{" "}
        <code>POST /api/v1/auth/app-portal-access/&#123;app_id&#125;</code>; the Svix API is served at <code>/api/v1</code>.
      </p>
      <p>
        <Link href="/login">Sign in with your email</Link> to open the portal directly.
      </p>
    </main>
  );
}
