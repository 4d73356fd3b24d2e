import Link from "next/link";

/** Porthole's own front page: what this server is and the two ways into the portal. */
export default function Home() {
  return (
    <main className="mx-auto max-w-2xl px-5 py-16">
      <h1 className="text-2xl font-semibold tracking-tight">Porthole</h1>
      <p className="mt-3 text-muted">
        Webhook portal and Svix-compatible delivery core. Your application embeds the portal with a link from{" "}
        <code className="rounded bg-surface-2 px-1 py-0.5 text-[0.9em]">POST /api/v1/auth/app-portal-access/&#123;app_id&#125;</code>; the Svix API is
        served at <code className="rounded bg-surface-2 px-1 py-0.5 text-[0.9em]">/api/v1</code>.
      </p>
      <p className="mt-4">
        <Link href="/login" className="font-medium text-primary hover:underline">
          Sign in with your email
        </Link>{" "}
        to open the portal directly.
      </p>
    </main>
  );
}
