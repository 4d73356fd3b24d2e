import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { NextAuthOptions } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import EmailProvider from "next-auth/providers/email";
import { eq } from "drizzle-orm";
import { after } from "next/server";
import { clientOf } from "@/lib/audit";
import { deriveKey } from "@/lib/crypto";
import { authAccounts, authSessions, authUsers, authVerificationTokens } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import type { Runtime } from "@/lib/runtime";
import { confirmLink } from "./confirm-link";
import { sendSignInMail } from "./mailer";
import { isMember } from "./members";
import { withinSignInLimits } from "./sign-in-guard";
import { secureCookies } from "./user-session";

/** A sign-in link works for 15 minutes (next-auth's default is a day). */
export const LINK_MAX_AGE_S = 15 * 60;
export const AUTH_SESSION_MAX_AGE_S = 12 * 60 * 60;

/** next-auth's base URL: always the configured portal, never a Host or X-Forwarded-Host header. */
export const authBaseUrl = (rt: Pick<Runtime, "portalUrl">) => `${rt.portalUrl}/api/auth`;

/**
 * Where next-auth sends the browser after mailing a link. Refused requests are sent to the very
 * same URL, so members, strangers and rate-limited requests look alike.
 */
export const verifyRequestUrl = (rt: Pick<Runtime, "portalUrl">) =>
  `${authBaseUrl(rt)}/verify-request?${new URLSearchParams({ provider: "email", type: "email" })}`;

/** next-auth's error page with the code it uses when a link cannot be sent. */
export const signInErrorUrl = (rt: Pick<Runtime, "portalUrl">) => `${authBaseUrl(rt)}/error?error=EmailSignin`;

/** Built per request: the runtime (database, portal URL, secret) is only known once booted. */
export function authOptions(rt: Runtime, req: Request): NextAuthOptions {
  const e = env();
  const mail = { emailServer: e.emailServer, emailFrom: e.emailFrom, dataDir: e.dataDir, portalUrl: rt.portalUrl };
  return {
    adapter: DrizzleAdapter(rt.database.db, {
      usersTable: authUsers,
      accountsTable: authAccounts,
      sessionsTable: authSessions,
      verificationTokensTable: authVerificationTokens,
    }) as Adapter,
    secret: deriveKey(rt.secret, "next-auth").toString("hex"),
    useSecureCookies: secureCookies(rt),
    session: { strategy: "database", maxAge: AUTH_SESSION_MAX_AGE_S, updateAge: 60 * 60 },
    pages: { signIn: "/login", verifyRequest: "/check-email", error: "/login/error" },
    providers: [
      EmailProvider({
        maxAge: LINK_MAX_AGE_S,
        async sendVerificationRequest({ identifier, url }) {
          // Every address within the limits gets here with its token stored: members and
          // strangers alike, so the answer takes as long for both. Who is a member is only asked
          // after the response; a stranger's token is deleted then, and no mail goes out.
          const link = confirmLink(rt.portalUrl, url);
          after(() => mailIfMember(rt, mail, identifier, link));
        },
      }),
    ],
    callbacks: {
      async signIn({ user, email }) {
        if (!user.email) return false;
        if (email?.verificationRequest) {
          try {
            return (await withinSignInLimits(rt, user.email, clientOf(rt, req).ip)) ? true : verifyRequestUrl(rt);
          } catch (err) {
            // next-auth puts a thrown error's text in the error page's URL (a failed query's SQL
            // and parameters, once): log it, send the browser a bare code.
            log.error({ err }, "auth: could not check the sign-in limits");
            return signInErrorUrl(rt);
          }
        }
        // Clicking the link: still a member (the SaaS may have removed the address meanwhile).
        return isMember(rt, user.email);
      },
    },
  };
}

/** After the answer: a member gets the link; a stranger's stored token is dropped (nobody can hold it). */
async function mailIfMember(rt: Runtime, mail: Parameters<typeof sendSignInMail>[0], identifier: string, link: string): Promise<void> {
  try {
    if (await isMember(rt, identifier)) await sendSignInMail(mail, identifier, link);
    else await rt.database.db.delete(authVerificationTokens).where(eq(authVerificationTokens.identifier, identifier));
  } catch (err) {
    log.error({ err }, "auth: the work after a sign-in request failed (mail or cleanup)");
  }
}
