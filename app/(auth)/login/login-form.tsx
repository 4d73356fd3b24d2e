"use client";

import { useState, type FormEvent } from "react";
import styles from "../_components/auth.module.css";

/**
 * next-auth wants its CSRF token (double-submit cookie) with the request, so the form fetches
 * it first and posts with `json=true` to learn where to go next.
 */
export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    setPending(true);
    setFailed(false);
    try {
      const csrf = (await (await fetch("/api/auth/csrf", { cache: "no-store" })).json()) as { csrfToken: string };
      const res = await fetch("/api/auth/signin/email", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email, csrfToken: csrf.csrfToken, callbackUrl, json: "true" }),
      });
      const { url } = (await res.json()) as { url?: unknown };
      if (!res.ok || typeof url !== "string") throw new Error(`sign-in answered ${res.status}`);
      window.location.assign(url);
    } catch {
      setFailed(true);
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit}>
      <div className={styles.field}>
        <label htmlFor="email">Email address</label>
        <input id="email" name="email" type="email" autoComplete="email" required className={styles.input} />
      </div>
      <button type="submit" className={styles.button} disabled={pending}>
        {pending ? "Sending…" : "Email me a sign-in link"}
      </button>
      {failed ? (
        <p role="alert" className={styles.alert}>
          We could not reach the server. Try again.
        </p>
      ) : null}
    </form>
  );
}
