import "server-only";
import { ApiException, Svix } from "svix";
import { PortalError } from "@/lib/http/errors";
import type { CoreLink } from "@/lib/runtime";

/**
 * A Svix SDK client for one token. With the embedded core the SDK's fetch hands each Request
 * straight to the core's handler: same contract, same serialization, no socket.
 */
export function svixClient(link: CoreLink, token: string): Svix {
  const embedded = link.mode === "embedded" ? link.handle : undefined;
  return new Svix(token, {
    serverUrl: link.serverUrl,
    // The embedded core answers in-process; retrying it would only repeat the same answer.
    ...(embedded ? { numRetries: 0, fetch: ((input, init) => embedded(new Request(input, init))) as typeof fetch } : {}),
  });
}

/** The session's view of the delivery API: an app-scoped client and the app it may reach. */
export type AppScope = { svix: Svix; appId: string; link: CoreLink };

export function appScope(link: CoreLink, coreToken: string, appId: string): AppScope {
  return { svix: svixClient(link, coreToken), appId, link };
}

/**
 * Upstream errors in our vocabulary. Their text never reaches the browser: codes are mapped,
 * validation issues keep only field paths and messages we can stand behind.
 */
export function toPortalError(err: unknown): unknown {
  if (!(err instanceof ApiException)) {
    if (err instanceof TypeError || (err instanceof Error && /fetch failed|ECONNREFUSED|timed out/i.test(err.message))) {
      return new PortalError("core_unavailable", "The delivery service is unavailable. Try again shortly.");
    }
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
  return new PortalError("core_unavailable", "The delivery service is unavailable. Try again shortly.");
}

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
