import { hashToken } from "@/lib/crypto";
import type { CoreLink } from "@/lib/runtime";

/** How long a confirmed org token is trusted without asking the core again. */
export const ORG_TOKEN_TTL_MS = 60_000;
const MAX_ENTRIES = 256;

// Keyed by the core link (tests install several runtimes) and by a hash of the token: the
// token itself never sits in memory longer than the request that carried it.
const confirmed = new WeakMap<CoreLink, Map<string, number>>();

export function isKnownOrgToken(link: CoreLink, token: string): boolean {
  const entries = confirmed.get(link);
  const key = hashToken(token);
  const until = entries?.get(key);
  if (until === undefined) return false;
  if (until > Date.now()) return true;
  entries!.delete(key);
  return false;
}

export function rememberOrgToken(link: CoreLink, token: string): void {
  let entries = confirmed.get(link);
  if (!entries) confirmed.set(link, (entries = new Map()));
  // Oldest first: a Map iterates in insertion order.
  while (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(hashToken(token), Date.now() + ORG_TOKEN_TTL_MS);
}
