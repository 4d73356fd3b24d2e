"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { ApiError } from "@/lib/http/api-error";
import { PortalQueryProvider } from "@/lib/queries/provider";
import { getQueryClient } from "@/lib/queries/query-client";
import { createSessionClient, type SessionState } from "@/lib/session/client";

const PROTOCOL = 1;

type View = Exclude<SessionState, { kind: "ended" }> | { kind: "ended"; framed: boolean } | { kind: "offline" } | { kind: "foreign" };

/** Posts to the host page, only ever to an exact allowed origin (never "*"). */
function tellParent(origins: string[], type: string, payload: unknown = {}): void {
  if (window.parent === window) return;
  for (const origin of origins) window.parent.postMessage({ porthole: PROTOCOL, type, payload }, origin);
}

/**
 * The session, on top of what the server rendered. Framed: the ticket from the fragment (stripped
 * at once: never logged, never sent as a Referer), else the partitioned refresh cookie, else ask
 * the host page for a fresh link over postMessage. Top-level: the magic-link cookie session.
 */
export function EmbedSession({ appId, appName, parentOrigins }: { appId: string; appName: string; parentOrigins: string[] }) {
  const [client] = useState(() => createSessionClient());
  const [view, setView] = useState<View>({ kind: "connecting" });

  useEffect(() => {
    const framed = window.parent !== window;
    const ticket = new URLSearchParams(window.location.hash.slice(1)).get("ticket");
    if (window.location.hash) history.replaceState(null, "", window.location.pathname + window.location.search);
    let foreign = false;

    const unsubscribe = client.subscribe((s) => {
      if (foreign) return;
      // A session for another application must not show up under this one's framing rules.
      if (s.kind === "ready" && s.session.appId !== appId) {
        foreign = true;
        client.end();
        setView({ kind: "foreign" });
        return;
      }
      setView(s.kind === "ended" ? { kind: "ended", framed } : s);
      if (s.kind === "ready") tellParent(parentOrigins, "ready", { appId: s.session.appId });
      if (s.kind === "ended") {
        // Nothing a finished session read stays on screen or in memory.
        getQueryClient().clear();
        tellParent(parentOrigins, "session.expired");
        tellParent(parentOrigins, "token:request", { reason: "expired" });
      }
    });
    const offline = (err: unknown) => {
      if (err instanceof ApiError && err.code === "offline") setView({ kind: "offline" });
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
  }, [client, appId, parentOrigins]);

  const name = view.kind === "ready" ? (view.session.branding.name ?? appName) : appName;
  return (
    <>
      <header>
        <h1 id="portal-title">{name}</h1>
      </header>
      {view.kind === "connecting" ? <p role="status">Connecting…</p> : null}
      {view.kind === "offline" ? <p role="alert">The portal could not be reached. Check your connection and reload.</p> : null}
      {view.kind === "foreign" ? <p role="alert">This portal link belongs to another application.</p> : null}
      {view.kind === "ended" ? (
        <p role="alert">
          {view.framed ? (
            "Your session has ended. Reopen the portal from your dashboard."
          ) : (
            <>
              Your session has ended. <Link href="/login">Sign in again</Link>.
            </>
          )}
        </p>
      ) : null}
      {view.kind === "ready" ? (
        <PortalQueryProvider session={client}>
          <section aria-labelledby="portal-title">
            <p>
              Connected to application <code>{view.session.appId}</code>. Session valid until{" "}
              <time dateTime={view.session.expiresAt}>{new Date(view.session.expiresAt).toLocaleString()}</time>.
            </p>
          </section>
        </PortalQueryProvider>
      ) : null}
    </>
  );
}
