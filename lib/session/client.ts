import { ApiError, apiErrorOf, offlineError } from "@/lib/http/api-error";
import type { ResultOf } from "@/lib/portal-api/contract";
import type { PortalRoutes } from "@/lib/portal-api/routes";
import { wireRoutes } from "@/lib/portal-api/wire-routes";

// The session's shapes as the route table declares them, so the client follows any change there.
type Granted = ResultOf<PortalRoutes["exchangeTicket"]>;
type SessionView = ResultOf<PortalRoutes["getSession"]>;

/** Set on every BFF call: a cross-site form cannot, so the cookie path can trust it (the server's CSRF_HEADER). */
const CSRF_HEADER = "x-porthole-request";
const EXCHANGE_PATH = wireRoutes.exchangeTicket.path;
const REFRESH_PATH = wireRoutes.refreshSession.path;
const SESSION_PATH = wireRoutes.getSession.path;
/** Renew this long before the access token runs out, so no call meets an expired one. */
const RENEW_EARLY_MS = 60_000;
const MIN_RENEW_MS = 5_000;

export type SessionState =
  | { kind: "connecting" }
  | { kind: "ready"; session: SessionView }
  /** The refresh was refused: only a new link (token:request) or signing in again helps. */
  | { kind: "ended" };

export type SessionClientOptions = {
  /**
   * The application of the portal page (/embed/{app_id}): the ticket exchange is refused for a
   * link of another app, and the refresh uses this app's own cookie. Without it (the app
   * chooser), there is no embedded session to exchange or renew.
   */
  appId?: string;
  /** Origin of the BFF; the browser uses its own (""). */
  baseUrl?: string;
  fetch?: typeof fetch;
};

export type SessionClient = {
  state(): SessionState;
  subscribe(listener: (state: SessionState) => void): () => void;
  /** Trades a portal link's one-time ticket for a session. */
  exchange(ticket: string): Promise<SessionView>;
  /** Renews through the refresh cookie; concurrent callers share one request. Refused: "ended". */
  refresh(): Promise<SessionView>;
  /** A magic-link user's session, authenticated by the first-party cookie (no token to hold). */
  resume(): Promise<SessionView>;
  /**
   * A BFF call. With `renew` (session routes), a 401 refreshes once and retries; a failed
   * refresh ends the session. A network failure is an `offline` ApiError, never a TypeError.
   */
  send(path: string, init?: RequestInit, opts?: { renew?: boolean }): Promise<Response>;
  /** Forgets the token: the session is over here (a link for another app, a sign-out). */
  end(): void;
  /** Stops the renewal timer and the listeners. */
  close(): void;
};

/**
 * The browser's session: the access token lives here, in memory only (never storage, never a
 * URL), and every BFF call goes through `send`.
 */
export function createSessionClient(opts: SessionClientOptions = {}): SessionClient {
  const base = opts.baseUrl ?? "";
  const fetchImpl = opts.fetch ?? ((input, init) => fetch(input, init));
  let token: string | null = null;
  let current: SessionState = { kind: "connecting" };
  let refreshing: Promise<SessionView> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listeners = new Set<(state: SessionState) => void>();

  function set(next: SessionState): void {
    current = next;
    for (const l of listeners) l(next);
  }

  function end(): void {
    token = null;
    clearTimeout(timer);
    set({ kind: "ended" });
  }

  function grant(g: Granted): SessionView {
    token = g.accessToken;
    set({ kind: "ready", session: g.session });
    clearTimeout(timer);
    const renewIn = Math.max(MIN_RENEW_MS, Date.parse(g.accessTokenExpiresAt) - Date.now() - RENEW_EARLY_MS);
    // A renewal that fails offline is left to the next call's 401; a refused one ends the session.
    timer = setTimeout(() => void client.refresh().catch(() => undefined), renewIn);
    return g.session;
  }

  async function raw(path: string, init: RequestInit, bearer: string | null): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set(CSRF_HEADER, "1");
    if (bearer) headers.set("authorization", `Bearer ${bearer}`);
    if (init.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
    try {
      return await fetchImpl(base + path, { ...init, headers, credentials: "same-origin", cache: "no-store" });
    } catch (err) {
      if (err instanceof DOMException && err.name === "AbortError") throw err;
      throw offlineError();
    }
  }

  async function grantFrom(res: Response): Promise<Granted> {
    if (!res.ok) throw await apiErrorOf(res);
    try {
      return (await res.json()) as Granted;
    } catch {
      throw offlineError();
    }
  }

  const client: SessionClient = {
    state: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async exchange(ticket) {
      return grant(await grantFrom(await raw(EXCHANGE_PATH, { method: "POST", body: JSON.stringify({ ticket, appId: opts.appId }) }, null)));
    },
    refresh() {
      refreshing ??= (async () => {
        try {
          if (opts.appId === undefined) {
            end();
            throw new ApiError(401, "unauthorized", "Your session has ended.");
          }
          const res = await raw(REFRESH_PATH, { method: "POST", body: JSON.stringify({ appId: opts.appId }) }, null);
          if (!res.ok) {
            const err = await apiErrorOf(res);
            end();
            throw err;
          }
          return grant(await grantFrom(res));
        } finally {
          refreshing = null;
        }
      })();
      return refreshing;
    },
    async resume() {
      const res = await raw(SESSION_PATH, {}, null);
      if (!res.ok) throw await apiErrorOf(res);
      const session = (await res.json()) as SessionView;
      token = null;
      set({ kind: "ready", session });
      return session;
    },
    async send(path, init = {}, { renew = true } = {}) {
      if (renew && current.kind === "ended") throw new ApiError(401, "unauthorized", "Your session has ended.");
      const used = token;
      const res = await raw(path, init, renew ? used : null);
      if (!renew || res.status !== 401) return res;
      // Another call may have renewed while this one was in flight: then just use the new token.
      if (token === used) await client.refresh();
      return raw(path, init, token);
    },
    end,
    close() {
      clearTimeout(timer);
      listeners.clear();
    },
  };
  return client;
}
