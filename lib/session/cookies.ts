/** Cookie names and attributes, in one place. */

/** Refresh secret of an embedded session: partitioned (CHIPS) so it works inside a cross-site iframe. */
export const REFRESH_COOKIE = "__Host-porthole-refresh";
/** A magic-link user's portal session (first-party, top-level only). */
export const DIRECT_COOKIE = "__Host-porthole-direct";

export function refreshCookie(value: string, maxAgeS: number): string {
  return `${REFRESH_COOKIE}=${value}; Path=/; Max-Age=${maxAgeS}; Secure; HttpOnly; SameSite=None; Partitioned`;
}

export function directCookie(value: string, maxAgeS: number): string {
  return `${DIRECT_COOKIE}=${value}; Path=/; Max-Age=${maxAgeS}; Secure; HttpOnly; SameSite=Lax`;
}

export function clearCookie(name: string): string {
  const extra = name === REFRESH_COOKIE ? "; SameSite=None; Partitioned" : "; SameSite=Lax";
  return `${name}=; Path=/; Max-Age=0; Secure; HttpOnly${extra}`;
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
