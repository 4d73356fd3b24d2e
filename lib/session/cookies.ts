/** Cookie names and attributes, in one place. */

/**
 * Refresh secret of an embedded session: partitioned (CHIPS) so it works inside a cross-site
 * iframe, and one per application, so two portals for different apps framed by one host page
 * (one partition) keep a session each instead of overwriting one cookie.
 */
export const refreshCookieName = (appId: string) => `__Host-porthole-refresh-${appId}`;
/** A magic-link user's portal session (first-party, top-level only). */
export const DIRECT_COOKIE = "__Host-porthole-direct";

export function refreshCookie(appId: string, value: string, maxAgeS: number): string {
  return `${refreshCookieName(appId)}=${value}; Path=/; Max-Age=${maxAgeS}; Secure; HttpOnly; SameSite=None; Partitioned`;
}

export function directCookie(value: string, maxAgeS: number): string {
  return `${DIRECT_COOKIE}=${value}; Path=/; Max-Age=${maxAgeS}; Secure; HttpOnly; SameSite=Lax`;
}

export function clearRefreshCookie(appId: string): string {
  return `${refreshCookieName(appId)}=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=None; Partitioned`;
}

export function clearDirectCookie(): string {
  return `${DIRECT_COOKIE}=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax`;
}

export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=") || null;
  }
  return null;
}
