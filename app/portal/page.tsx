import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { directSession } from "@/lib/auth/direct-session";
import { findApp } from "@/lib/delivery-api/portal-access";
import { runtime } from "@/lib/runtime";
import { DIRECT_COOKIE } from "@/lib/session/cookies";
import styles from "../(auth)/_components/auth.module.css";
import { SignOutButton } from "../(auth)/_components/sign-out-button";

export const metadata: Metadata = { title: "Webhooks portal", robots: { index: false, follow: false } };

/** Where a magic-link user lands once an application is chosen. */
export default async function PortalHome() {
  const rt = await runtime();
  const session = await directSession(rt, (await cookies()).get(DIRECT_COOKIE)?.value);
  if (!session) redirect("/apps");
  const app = await findApp(rt.coreLink, rt.coreLink.orgToken, session.appId);
  return (
    <main className={styles.shell}>
      <div className={styles.card}>
        <h1>{app?.name ?? "Your application"}</h1>
        <p className={styles.muted}>Signed in as {session.actorEmail}</p>
        <p>You can: {session.capabilities.join(", ")}.</p>
        <p>
          <Link href="/apps">Switch application</Link>
        </p>
        <SignOutButton />
      </div>
    </main>
  );
}
