"use client";

import { useEffect, useState } from "react";
import { ApiError, apiFetch, setAccessToken } from "@/lib/http/client";

type SessionInfo = { appId: string; capabilities: string[]; expiresAt: string; branding: { name?: string } };
type Granted = { accessToken: string; accessTokenExpiresAt: string; session: SessionInfo };
type State = { kind: "connecting" } | { kind: "ready"; session: SessionInfo } | { kind: "ended"; message: string };

const PROTOCOL = 1;

/** Posts to the host page, only ever to an exact allowed origin (never "*"). */
function tellParent(origins: string[], type: string, payload: unknown = {}): void {
  if (window.parent === window) return;
  for (const origin of origins) window.parent.postMessage({ porthole: PROTOCOL, type, payload }, origin);
}

async function exchange(ticket: string): Promise<Granted> {
  return apiFetch<Granted>("/api/portal/session/exchange", { method: "POST", body: JSON.stringify({ ticket }) });
}

/**
 * Ticket from the fragment (stripped at once: never logged, never sent as a Referer), else the
 * partitioned refresh cookie, else ask the host page for a fresh link over postMessage.
 */
export function EmbedSession({ appId, parentOrigins }: { appId: string; parentOrigins: string[] }) {
  const [state, setState] = useState<State>({ kind: "connecting" });

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ticket = new URLSearchParams(window.location.hash.slice(1)).get("ticket");
    if (window.location.hash) history.replaceState(null, "", window.location.pathname + window.location.search);

    function granted(g: Granted): void {
      // A link for another application must not show up under this one's framing rules.
      if (g.session.appId !== appId) {
        setAccessToken(null);
        setState({ kind: "ended", message: "This portal link belongs to another application." });
        return;
      }
      setAccessToken(g.accessToken);
      setState({ kind: "ready", session: g.session });
      tellParent(parentOrigins, "ready", { appId: g.session.appId });
      // Renew a minute before the access token runs out, through the refresh cookie.
      const renewIn = Math.max(5_000, Date.parse(g.accessTokenExpiresAt) - Date.now() - 60_000);
      timer = setTimeout(() => void refresh(), renewIn);
    }

    function ended(): void {
      setAccessToken(null);
      setState({ kind: "ended", message: "Your session has ended. Reopen the portal from your dashboard." });
      tellParent(parentOrigins, "session.expired");
      tellParent(parentOrigins, "token:request", { reason: "expired" });
    }

    async function refresh(): Promise<void> {
      try {
        granted(await apiFetch<Granted>("/api/portal/session/refresh", { method: "POST" }));
      } catch (err) {
        if (err instanceof ApiError) ended();
        else setState({ kind: "ended", message: "The portal could not be reached. Check your connection and reload." });
      }
    }

    // The host answers token:request with a fresh portal link; only its ticket is used.
    function onMessage(event: MessageEvent): void {
      if (event.source !== window.parent || !parentOrigins.includes(event.origin)) return;
      const data = event.data as { porthole?: number; type?: string; payload?: { url?: string } } | null;
      if (data?.porthole !== PROTOCOL || data.type !== "token:response" || typeof data.payload?.url !== "string") return;
      const fresh = new URL(data.payload.url, window.location.href).hash.match(/ticket=([A-Za-z0-9_-]+)/)?.[1];
      if (fresh) exchange(fresh).then(granted, ended);
    }
    window.addEventListener("message", onMessage);

    if (ticket) exchange(ticket).then(granted, () => void refresh());
    else void refresh();
    return () => {
      window.removeEventListener("message", onMessage);
      if (timer) clearTimeout(timer);
    };
  }, [appId, parentOrigins]);

  if (state.kind === "connecting") return <p role="status">Connecting…</p>;
  if (state.kind === "ended") return <p role="alert">{state.message}</p>;
  return (
    <section aria-labelledby="portal-title">
      <h1 id="portal-title">{state.session.branding.name ?? "Webhooks"}</h1>
      <p>
        Connected to application <code>{state.session.appId}</code>. Session valid until{" "}
        <time dateTime={state.session.expiresAt}>{new Date(state.session.expiresAt).toLocaleString()}</time>.
      </p>
    </section>
  );
}
