import type { Metadata } from "next";
import Link from "next/link";
import { confirmAction } from "@/lib/auth/confirm-link";
import { runtime } from "@/lib/runtime";
import styles from "../_components/auth.module.css";

// The URL carries the token: never send it to another site. ("no-referrer" would also blank the
// form POST's Origin header, which the callback requires.)
export const metadata: Metadata = { title: "Confirm sign-in", referrer: "same-origin" };

type Search = Promise<Record<string, string | string[] | undefined>>;

/**
 * Where the mailed link lands. A GET (a person, or a mail scanner prefetching links) changes
 * nothing; the button POSTs to next-auth's email callback, which spends the token.
 */
export default async function ConfirmPage({ searchParams }: { searchParams: Search }) {
  const target = confirmAction((await runtime()).portalUrl, await searchParams);
  if (!target) {
    return (
      <>
        <h1>This link is incomplete</h1>
        <p className={styles.muted}>Copy the whole link from the mail, or request a new one.</p>
        <p>
          <Link href="/login">Back to sign-in</Link>
        </p>
      </>
    );
  }
  return (
    <form method="post" action={target.action}>
      <h1>Sign in</h1>
      <p>
        Continue as <strong>{target.email}</strong>?
      </p>
      <button type="submit" className={styles.button}>
        Sign in
      </button>
    </form>
  );
}
