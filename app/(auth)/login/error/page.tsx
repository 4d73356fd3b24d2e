import type { Metadata } from "next";
import Link from "next/link";
import styles from "../../_components/auth.module.css";

export const metadata: Metadata = { title: "Sign-in failed" };

const MESSAGES: Record<string, string> = {
  Verification: "This sign-in link has expired or was already used.",
  AccessDenied: "This address cannot sign in to this portal.",
};

/** next-auth's error page (`?error=` one of its codes). Unknown codes get the generic text. */
export default async function AuthErrorPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const { error } = await searchParams;
  const message = (typeof error === "string" && MESSAGES[error]) || "Signing in did not work.";
  return (
    <>
      <h1>Sign-in failed</h1>
      <p role="alert">{message}</p>
      <p className={styles.muted}>Request a new link to try again.</p>
      <p>
        <Link href="/login">Back to sign-in</Link>
      </p>
    </>
  );
}
