import type { Metadata } from "next";
import type { ReactNode } from "react";
import styles from "./_components/auth.module.css";

export const metadata: Metadata = { robots: { index: false, follow: false } };

/** Sign-in pages: top-level only (the proxy forbids framing them), one small card. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className={styles.shell}>
      <div className={styles.card}>{children}</div>
    </main>
  );
}
