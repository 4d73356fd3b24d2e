"use client";

import { useEffect, useMemo, useState, type ReactNode } from "react";
import { brandingVars } from "@/lib/branding/css-vars";
import { ApiError } from "@/lib/http/api-error";
import { PortalQueryProvider } from "@/lib/queries/provider";
import { getQueryClient } from "@/lib/queries/query-client";
import { createSessionClient, type SessionState } from "@/lib/session/client";
import { PhaseContext, PortalAppContext, SessionContext, type PortalApp, type SessionPhase, type SessionView } from "@/components/portal/session-context";
import { TooltipProvider } from "@/components/ui/tooltip";
import { PROTOCOL, tellParent } from "./host-messages";

/** A session's own branding (a per-link override) on the root element, over what the server rendered. */
function applyBranding(session: SessionView): void {
  const root = document.documentElement;
  for (const [name, value] of Object.entries(brandingVars(session.branding))) root.style.setProperty(name, String(value));
  const mode = session.branding.mode;
  if (mode === "light" || mode === "dark") root.dataset.theme = mode;
}

/**
 * The session under the whole portal tree, above the shell: it survives every client-side
 * navigation, so the in-memory token does too. Framed: the ticket from the fragment (stripped at
 * once: never logged, never sent as a Referer), else the partitioned refresh cookie, else ask the
 * host page for a fresh link over postMessage. Top-level: the magic-link cookie session.
 */
export function PortalSession({
  app: shown,
  parentOrigins,
  children,
}: {
  app: PortalApp;
  parentOrigins: string[];
  children: ReactNode;
}) {
  const { appId } = shown;
  // The page's app goes with the ticket exchange and the refresh (each app has its own cookie).
  const [client] = useState(() => createSessionClient({ appId }));
  const [phase, setPhase] = useState<SessionPhase>({ kind: "connecting" });
  // A server re-render (router.refresh after a language change) passes an equal list anew; the
  // session must not start over for that.
  const originsKey = parentOrigins.join(" ");

  useEffect(() => {
    const parentOrigins = originsKey ? originsKey.split(" ") : [];
    const framed = window.parent !== window;
    const ticket = new URLSearchParams(window.location.hash.slice(1)).get("ticket");
    // The link's ?locale= has been turned into the language cookie by now; left in the URL it
    // would override the user's own choice on every later render.
    const search = new URLSearchParams(window.location.search);
    const hadLocale = search.has("locale");
    search.delete("locale");
    if (window.location.hash || hadLocale) {
      const rest = search.toString();
      const clean = window.location.pathname + (rest ? `?${rest}` : "");
      // At once for the address bar; then again once the router has mounted (its effects run
      // after ours and write its own URL back): by then replaceState goes through the router, so
      // its idea of the URL (what a refresh re-renders) loses the ticket and the locale too.
      history.replaceState(null, "", clean);
      setTimeout(() => history.replaceState(null, "", clean), 0);
    }
    let foreign = false;

    const unsubscribe = client.subscribe((s: SessionState) => {
      if (foreign) return;
      // A session for another application must not show up under this one's framing rules.
      if (s.kind === "ready" && s.session.appId !== appId) {
        foreign = true;
        client.end();
        setPhase({ kind: "foreign" });
        return;
      }
      setPhase(s.kind === "ended" ? { kind: "ended", framed } : s);
      if (s.kind === "ready") {
        applyBranding(s.session);
        tellParent(parentOrigins, "ready", { appId: s.session.appId });
      }
      if (s.kind === "ended") {
        // Nothing a finished session read stays on screen or in memory.
        getQueryClient().clear();
        tellParent(parentOrigins, "session.expired");
        tellParent(parentOrigins, "token:request", { reason: "expired" });
      }
    });
    const offline = (err: unknown) => {
      if (err instanceof ApiError && err.code === "offline") setPhase({ kind: "offline" });
    };

    // The host answers token:request with a fresh portal link; only its ticket is used.
    function onMessage(event: MessageEvent): void {
      if (event.source !== window.parent || !parentOrigins.includes(event.origin)) return;
      const data = event.data as { porthole?: number; type?: string; payload?: { url?: string } } | null;
      if (data?.porthole !== PROTOCOL || data.type !== "token:response" || typeof data.payload?.url !== "string") return;
      const fresh = new URL(data.payload.url, window.location.href).hash.match(/ticket=([A-Za-z0-9_-]+)/)?.[1];
      if (fresh) client.exchange(fresh).catch((err: unknown) => (err instanceof ApiError && err.code === "offline" ? offline(err) : client.end()));
    }
    window.addEventListener("message", onMessage);

    async function start(): Promise<void> {
      if (ticket) {
        try {
          await client.exchange(ticket);
          return;
        } catch (err) {
          if (err instanceof ApiError && err.code === "offline") return offline(err);
          // A spent or expired ticket: the refresh cookie may still hold a session.
        }
      }
      if (!framed) {
        try {
          await client.resume();
          return;
        } catch (err) {
          if (err instanceof ApiError && err.code === "offline") return offline(err);
        }
      }
      await client.refresh().catch(offline);
    }
    void start();

    return () => {
      window.removeEventListener("message", onMessage);
      unsubscribe();
      client.close();
    };
  }, [client, appId, originsKey]);

  const ready = useMemo(() => (phase.kind === "ready" ? { session: phase.session, appId } : null), [phase, appId]);
  // Equal values from a server re-render keep the same context value (no re-render below).
  const hideKey = shown.hide.join(",");
  const app = useMemo<PortalApp>(
    () => ({ appId, appName: shown.appName, logoUrl: shown.logoUrl, hide: hideKey ? (hideKey.split(",") as PortalApp["hide"]) : [] }),
    [appId, shown.appName, shown.logoUrl, hideKey],
  );
  return (
    <PortalAppContext.Provider value={app}>
      <PhaseContext.Provider value={phase}>
        <PortalQueryProvider session={client}>
          <SessionContext.Provider value={ready}>
            <TooltipProvider delayDuration={300}>{children}</TooltipProvider>
          </SessionContext.Provider>
        </PortalQueryProvider>
      </PhaseContext.Provider>
    </PortalAppContext.Provider>
  );
}
