import "server-only";
import type { AppScope } from "./client";

/** What a session without ViewEndpointSecret sees in place of a URL's user name and password. */
export const CREDENTIAL_MASK = "****";

// scheme://userinfo@…: the userinfo ends at the authority's last "@".
const USERINFO = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)([^/?#]*)@/;

/** `https://user:pass@host/…` as `https://****:****@host/…`; a URL without credentials as it is. */
export function maskCredentials(url: string): string {
  return url.replace(USERINFO, (_all, scheme: string, userinfo: string) =>
    userinfo.includes(":") ? `${scheme}${CREDENTIAL_MASK}:${CREDENTIAL_MASK}@` : `${scheme}${CREDENTIAL_MASK}@`,
  );
}

/**
 * An endpoint URL as this session may see it. Credentials in a URL are sent as Basic auth, so
 * they are a secret like the signing secret: shown only with ViewEndpointSecret.
 */
export function shownUrl(scope: Pick<AppScope, "showUrlCredentials">, url: string): string {
  return scope.showUrlCredentials ? url : maskCredentials(url);
}

/**
 * A URL sent back with the masked credentials it was shown with (an edit form saving other
 * fields) keeps the credentials it has; anything else replaces them.
 */
export function withKeptCredentials(incoming: string, current: string): string {
  const masked = USERINFO.exec(incoming)?.[2];
  if (masked === undefined || masked !== USERINFO.exec(maskCredentials(current))?.[2]) return incoming;
  const kept = USERINFO.exec(current)![2];
  return incoming.replace(USERINFO, (_all, scheme: string) => `${scheme}${kept}@`);
}

/** Whether a URL carries masked credentials (and so needs the stored ones). */
export const hasMaskedCredentials = (url: string): boolean => USERINFO.exec(url)?.[2]?.split(":").every((p) => p === CREDENTIAL_MASK) ?? false;
