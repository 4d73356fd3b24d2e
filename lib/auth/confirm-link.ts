import { z } from "zod";

export const CALLBACK_PATH = "/api/auth/callback/email";
export const CONFIRM_PATH = "/confirm";
/** Where a fresh sign-in lands: the application chooser. */
export const AFTER_SIGN_IN = "/apps";

/**
 * The mailed link points at our confirm page, not at next-auth's callback: a GET (a mail
 * scanner's prefetch) only renders a button, and only its POST spends the token.
 */
export function confirmLink(portalUrl: string, callbackLink: string): string {
  const from = new URL(callbackLink).searchParams;
  const to = new URL(CONFIRM_PATH, portalUrl);
  for (const key of ["token", "email", "callbackUrl"]) {
    const value = from.get(key);
    if (value !== null) to.searchParams.set(key, value);
  }
  return to.toString();
}

const confirmQuery = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/),
  email: z.string().min(3).max(320).includes("@"),
  callbackUrl: z.string().max(2048).optional(),
});

/** The confirm page's form target, or null when the link was mangled. */
export function confirmAction(portalUrl: string, query: Record<string, string | string[] | undefined>): { email: string; action: string } | null {
  const parsed = confirmQuery.safeParse(query);
  if (!parsed.success) return null;
  const { token, email, callbackUrl } = parsed.data;
  const params = new URLSearchParams({ callbackUrl: samePortalPath(portalUrl, callbackUrl), token, email });
  return { email, action: `${CALLBACK_PATH}?${params}` };
}

/**
 * Only a path on the portal itself; anything else lands on the chooser, and so does the bare
 * origin (next-auth's default when the sign-in named no destination).
 */
export function samePortalPath(portalUrl: string, value: string | undefined): string {
  if (!value) return AFTER_SIGN_IN;
  try {
    const base = new URL(portalUrl);
    const url = new URL(value, base);
    if (url.origin !== base.origin || (url.pathname === "/" && !url.search)) return AFTER_SIGN_IN;
    return `${url.pathname}${url.search}`;
  } catch {
    return AFTER_SIGN_IN;
  }
}
