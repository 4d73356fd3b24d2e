import type { Runtime } from "@/lib/runtime";
import { verifySessionToken } from "@/lib/session/access-token";
import { loadSession, type PortalSession } from "@/lib/session/store";

/** The live magic-link portal session the `__Host-porthole-direct` cookie names, if any. */
export async function directSession(rt: Runtime, cookie: string | null | undefined): Promise<PortalSession | null> {
  const sid = cookie ? await verifySessionToken(rt.secret, "direct", cookie) : null;
  const session = sid ? await loadSession(rt, sid) : null;
  return session?.source === "magic-link" ? session : null;
}
