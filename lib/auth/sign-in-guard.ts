import { rateLimitSubject } from "@/lib/client-ip";
import { PortalError } from "@/lib/http/errors";
import { rateLimit } from "@/lib/rate-limit";
import type { Runtime } from "@/lib/runtime";

const WINDOW_MS = 15 * 60 * 1000;
/** Sign-in mails per address and per client in 15 minutes: enough for typos, too few to bomb an inbox. */
export const SIGN_IN_LIMITS = { perEmail: 5, perIp: 20, windowMs: WINDOW_MS } as const;

/**
 * Whether this request may go on to make a sign-in link for `email`. Every request counts against
 * both limits, members or not; membership is not asked here, so members and strangers do the same
 * work until the answer (always "check your inbox") is sent.
 */
export async function withinSignInLimits(rt: Runtime, email: string, ip: string | null): Promise<boolean> {
  const ipOk = await within(rt, "signin:ip", rateLimitSubject(ip), SIGN_IN_LIMITS.perIp);
  const emailOk = await within(rt, "signin:email", email.toLowerCase(), SIGN_IN_LIMITS.perEmail);
  return ipOk && emailOk;
}

async function within(rt: Runtime, scope: string, subject: string, limit: number): Promise<boolean> {
  try {
    await rateLimit(rt, scope, subject, limit, SIGN_IN_LIMITS.windowMs);
    return true;
  } catch (err) {
    if (err instanceof PortalError && err.code === "rate_limited") return false;
    throw err;
  }
}
