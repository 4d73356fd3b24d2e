import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { membershipsOf } from "@/lib/auth/members";
import { sessionCookieName, signedInEmail } from "@/lib/auth/user-session";
import { findApp } from "@/lib/delivery-api/portal-access";
import { runtime } from "@/lib/runtime";
import styles from "../_components/auth.module.css";
import { SignOutButton } from "../_components/sign-out-button";
import { ChooseApp } from "./choose-app";

export const metadata: Metadata = { title: "Choose an application" };

/** After sign-in: the applications this address is a member of (straight on when there is one). */
export default async function AppsPage({ searchParams }: { searchParams: Promise<{ choose?: string }> }) {
  // From the portal's "Switch application": list them even when there is one.
  const choosing = (await searchParams).choose === "1";
  const rt = await runtime();
  const email = await signedInEmail(rt, (await cookies()).get(sessionCookieName(rt))?.value);
  if (!email) redirect("/login");
  const found = await Promise.all(
    (await membershipsOf(rt, email)).map((m) => findApp(rt.coreLink, rt.coreLink.orgToken, m.appId)),
  );
  const apps = found.filter((a): a is { id: string; name: string } => a !== null);
  return (
    <>
      <h1>{apps.length === 1 && !choosing ? "Opening your portal" : "Choose an application"}</h1>
      <p className={styles.muted}>Signed in as {email}</p>
      {apps.length === 0 ? <p>This address is no longer registered for any application.</p> : <ChooseApp apps={apps} autoOpen={!choosing} />}
      <SignOutButton />
    </>
  );
}
