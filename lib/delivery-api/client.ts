import "server-only";
import { ApiException, Svix } from "svix";
import { PortalError } from "@/lib/http/errors";
import type { CoreLink } from "@/lib/runtime";

/**
 * A Svix SDK client for one token. With the embedded core the SDK's fetch hands each Request
 * straight to the core's handler: same contract, same serialization, no socket.
 */
export function svixClient(link: CoreLink, token: string, onRefused?: () => void): Svix {
  if (link.mode === "embedded") {
    const embedded = link.handle;
    // The embedded core answers in-process; retrying it would only repeat the same answer. (An
    // empty schedule, not `numRetries: 0`: the SDK reads 0 as "unset" and retries twice.)
    const send = guarded("embedded core", (input, init) => embedded(new Request(input, init)), false, onRefused);
    return new Svix(token, { serverUrl: link.serverUrl, retryScheduleInMs: [], fetch: send });
  }
  return new Svix(token, { serverUrl: link.serverUrl, requestTimeout: CORE_TIMEOUT_MS, fetch: guarded(hostPort(link.serverUrl), fetch, true, onRefused) });
}

/**
 * How long an external core may take to answer one SDK call, retries included (the SDK's signal
 * spans them): without it a core that accepts connections and never answers holds the request
 * for undici's five minutes, three times over.
 */
export const CORE_TIMEOUT_MS = 10_000;

/** The core could not give an answer: where it was asked and why, for the log (never for the browser). */
export class CoreUnavailable extends Error {
  constructor(
    readonly core: string,
    readonly reason: string,
  ) {
    super(`delivery API ${core} unavailable: ${reason}`);
    this.name = "CoreUnavailable";
  }
}

/**
 * The SDK's fetch, failing with `CoreUnavailable` when no usable answer came back: the network
 * failed (refused, reset, DNS, timeout), the core answered 5xx, or (external) its body is not
 * JSON. Thrown here, the SDK still retries it as it retries 5xx and network errors.
 */
function guarded(
  core: string,
  send: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>,
  checkBody: boolean,
  onRefused: (() => void) | undefined,
): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    let res: Response;
    try {
      res = await send(input, init);
    } catch (err) {
      throw new CoreUnavailable(core, networkCode(err));
    }
    if (res.status === 401) onRefused?.();
    if (res.status >= 500) throw new CoreUnavailable(core, `HTTP ${res.status}`);
    if (!checkBody || res.status === 204) return res;
    const text = await res.text().catch(() => null);
    if (text === null) throw new CoreUnavailable(core, "body cut off");
    if (text !== "" && !isJson(text)) throw new CoreUnavailable(core, `HTTP ${res.status} with a body that is not JSON`);
    return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
  }) as typeof fetch;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** ECONNREFUSED, ECONNRESET, ENOTFOUND, UND_ERR_SOCKET (hung up)…: undici puts the system's code on the cause. */
function networkCode(err: unknown): string {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    if (e.name === "TimeoutError" || e.name === "AbortError") return e.name;
  }
  return err instanceof Error ? err.name : "unknown";
}

function hostPort(serverUrl: string): string {
  const u = new URL(serverUrl);
  return `${u.hostname}:${u.port || (u.protocol === "https:" ? "443" : "80")}`;
}

/**
 * The session's view of the delivery API: an app-scoped client and the app it may reach.
 * `showUrlCredentials`: the session may see the user name and password in endpoint URLs
 * (ViewEndpointSecret). `tokenRefused` says whether the core answered 401 to this client's token:
 * the token was revoked (POST /api/v1/auth/logout) or ran out, so the session holding it is over.
 */
export type AppScope = { svix: Svix; appId: string; link: CoreLink; showUrlCredentials: boolean; tokenRefused(): boolean };

export function appScope(link: CoreLink, coreToken: string, appId: string, opts: { showUrlCredentials: boolean }): AppScope {
  let refused = false;
  const svix = svixClient(link, coreToken, () => {
    refused = true;
  });
  return { svix, appId, link, showUrlCredentials: opts.showUrlCredentials, tokenRefused: () => refused };
}

/**
 * Upstream errors in our vocabulary. Their text never reaches the browser: codes are mapped,
 * validation issues keep only field paths and messages we can stand behind.
 */
export function toPortalError(err: unknown): unknown {
  if (err instanceof CoreUnavailable) return unavailable({ core: err.core, error: err.reason });
  if (!(err instanceof ApiException)) {
    // JSON of the wrong shape: the SDK's parsers fail reading fields that are not there.
    if (err instanceof TypeError || err instanceof SyntaxError) return unavailable({ error: `unreadable answer (${err.name})` });
    return err;
  }
  const code = err.code;
  if (code === 401) return new PortalError("unauthorized", "Your session has ended. Open the portal again.");
  if (code === 403) return new PortalError("forbidden", "You do not have access to this action.");
  if (code === 404) return new PortalError("not_found", "Not found");
  if (code === 409) return new PortalError("conflict", "That already exists.");
  if (code === 413) return new PortalError("payload_too_large", "The request is too large.");
  if (code === 429) return new PortalError("rate_limited", "Too many requests. Try again in a minute.");
  if (code === 422) return new PortalError("invalid", "Some fields are not valid.", validationIssues(err.body));
  if (code >= 400 && code < 500) return new PortalError("bad_request", badRequestMessage(err.body));
  return unavailable({ error: `HTTP ${code}` });
}

const unavailable = (reason: Record<string, unknown>) =>
  new PortalError("core_unavailable", "The delivery service is unavailable. Try again shortly.", undefined, reason);

function validationIssues(body: unknown): { path: string; message: string }[] {
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (!Array.isArray(detail)) return [];
  return detail.flatMap((d: unknown) => {
    const item = d as { loc?: unknown; msg?: unknown };
    if (!Array.isArray(item.loc) || typeof item.msg !== "string") return [];
    const path = item.loc.filter((p) => p !== "body" && p !== "query").map(String).join(".");
    return [{ path, message: item.msg.slice(0, 200) }];
  });
}

/** Known svix-server 400 codes get our own words; anything else a generic line. */
function badRequestMessage(body: unknown): string {
  const code = (body as { code?: unknown } | null)?.code;
  switch (code) {
    case "missing_payload":
      return "This message's payload has expired or was deleted, so it cannot be resent.";
    case "limit_reached":
      return "Too many previous secrets are still active. Wait for their grace period to end.";
    case "invalid_range":
      return "That time range is not allowed.";
    case "invalid_scheme":
      return "This event type has no example to send.";
    default:
      return "The request could not be completed.";
  }
}

/** Runs an upstream call and rethrows its failure in our vocabulary. */
export async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toPortalError(err);
  }
}
