import type { Metadata } from "next";
import Link from "next/link";
import styles from "../_components/auth.module.css";

export const metadata: Metadata = { title: "Check your inbox" };

/** The same page for every address: whether a mail was sent is not said here. */
export default function CheckEmailPage() {
  return (
    <>
      <h1>Check your inbox</h1>
      <p>If that address is registered for this portal, a sign-in link is on its way.</p>
      <p className={styles.muted}>The link works once, for 15 minutes. Nothing arrived? Check your spam folder, or ask your provider which address they registered.</p>
      <p>
        <Link href="/login">Use another address</Link>
      </p>
    </>
  );
}
