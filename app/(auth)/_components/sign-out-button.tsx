"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import styles from "./auth.module.css";

/** Signs out of next-auth (which also ends the portal session) and returns to the sign-in page. */
export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);

  async function signOut() {
    setPending(true);
    try {
      const csrf = (await (await fetch("/api/auth/csrf", { cache: "no-store" })).json()) as { csrfToken: string };
      await fetch("/api/auth/signout", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: "/login", json: "true" }),
      });
    } finally {
      router.replace("/login");
      router.refresh();
    }
  }

  return (
    <button type="button" className={styles.secondary} onClick={signOut} disabled={pending}>
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
