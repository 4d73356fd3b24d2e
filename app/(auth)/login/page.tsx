import type { Metadata } from "next";
import { samePortalPath } from "@/lib/auth/confirm-link";
import { runtime } from "@/lib/runtime";
import styles from "../_components/auth.module.css";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: Search }) {
  const { callbackUrl, error } = await searchParams;
  const rt = await runtime();
  return (
    <>
      <h1>Sign in</h1>
      <p className={styles.muted}>Enter the email address your provider registered for you. We will mail you a sign-in link.</p>
      {error ? (
        <p role="alert" className={styles.alert}>
          That did not work. Request a new link.
        </p>
      ) : null}
      <LoginForm callbackUrl={samePortalPath(rt.portalUrl, typeof callbackUrl === "string" ? callbackUrl : undefined)} />
    </>
  );
}
