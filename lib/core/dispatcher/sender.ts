import { performance } from "node:perf_hooks";
import type { Dispatcher } from "undici";
import { boundedMemo } from "../bounded-memo";
import { ForbiddenAddressError, literalHostReason, type SsrfPolicy } from "./ssrf";

export const MAX_RESPONSE_BYTES = 20_000;
const USER_AGENT = "Porthole-Webhooks/1.0";
const MAX_ERROR_LENGTH = 300;

export type SendResult = {
  /** 0 when no HTTP response was received. */
  statusCode: number;
  body: string;
  durationMs: number;
  retryAfterMs: number | null;
  timedOut: boolean;
};

export type SendRequest = {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  ssrf: SsrfPolicy;
};

const ERROR_TEXT: Record<string, string> = {
  ECONNREFUSED: "Connection refused",
  ECONNRESET: "Connection reset by peer",
  ECONNABORTED: "Connection aborted",
  EPIPE: "Connection closed while sending",
  ETIMEDOUT: "Connection timed out",
  EHOSTUNREACH: "Host unreachable",
  ENETUNREACH: "Network unreachable",
  ENOTFOUND: "Could not resolve host",
  EAI_AGAIN: "Temporary DNS failure",
  UND_ERR_SOCKET: "Connection closed unexpectedly",
  UND_ERR_CONNECT_TIMEOUT: "Connection timed out",
  UND_ERR_HEADERS_OVERFLOW: "Response headers too large",
  UND_ERR_INVALID_ARG: "Invalid request",
  HPE_INVALID_CONSTANT: "Invalid HTTP response",
  ERR_TLS_CERT_ALTNAME_INVALID: "TLS certificate does not match the host name",
  CERT_HAS_EXPIRED: "TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "TLS certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "TLS certificate chain is self-signed",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "TLS certificate could not be verified",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "TLS certificate issuer is unknown",
};

const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

/**
 * POSTs one webhook attempt. Never throws: every failure becomes a SendResult with statusCode 0.
 * Uses undici's dispatch API directly (no response stream, no AbortSignal): this runs once per
 * delivery, and those layers cost more than the rest of the request.
 */
export function sendWebhook(agent: Dispatcher, req: SendRequest): Promise<SendResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);

  // The guarded agent also refuses literals, but checking here avoids even queueing a request.
  const target = targetOf(req.url, req.ssrf);
  if (target.refusal !== null) return Promise.resolve(failure(target.refusal, elapsed()));

  return new Promise<SendResult>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let statusCode = 0;
    let retryAfter: string | string[] | undefined;
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    let timedOut = false;

    const settle = (result: SendResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const answered = (): void =>
      settle({
        statusCode,
        body: decodeBody(Buffer.concat(chunks, size), truncated),
        durationMs: elapsed(),
        retryAfterMs: parseRetryAfter(retryAfter),
        timedOut: false,
      });
    const failed = (err: unknown): void => {
      const code = errorCode(err);
      if (code !== undefined && TIMEOUT_CODES.has(code)) {
        settle({ statusCode: 0, body: describeError(err), durationMs: elapsed(), retryAfterMs: null, timedOut: true });
      } else {
        settle(failure(describeError(err), elapsed()));
      }
    };

    // One timer bounds the whole exchange; undici's per-phase timers are only a backstop.
    const timer = setTimeout(() => {
      timedOut = true;
      settle({
        statusCode: 0,
        body: `Request timed out after ${formatMs(req.timeoutMs)}`,
        durationMs: elapsed(),
        retryAfterMs: null,
        timedOut: true,
      });
      // Settled first: aborting reports an error to the handler synchronously.
      controller?.abort(new Error("timed out"));
    }, req.timeoutMs);

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        if (timedOut) c.abort(new Error("timed out"));
      },
      onResponseStart(_c, code, headers) {
        statusCode = code;
        retryAfter = headers["retry-after"];
      },
      onResponseData(c, chunk) {
        const room = MAX_RESPONSE_BYTES - size;
        if (chunk.length <= room) {
          chunks.push(chunk);
          size += chunk.length;
          return;
        }
        // Stop reading (which closes the connection) once the limit is in: a huge body is never buffered.
        chunks.push(chunk.subarray(0, room));
        size = MAX_RESPONSE_BYTES;
        truncated = true;
        c.abort(new Error("response body limit reached"));
      },
      onResponseEnd() {
        answered();
      },
      onResponseError(_c, err) {
        if (truncated) answered();
        else failed(err);
      },
    };
    try {
      agent.dispatch(
        {
          origin: target.origin,
          path: target.path,
          method: "POST",
          headers: withDefaults(req.headers, target.authorization),
          body: req.body,
          headersTimeout: req.timeoutMs + 1_000,
          bodyTimeout: req.timeoutMs + 1_000,
        },
        handler,
      );
    } catch (err) {
      failed(err);
    }
  });
}

/** `authorization`: Basic credentials from the URL's userinfo, which `origin` leaves out. */
type Target = { origin: string; path: string; authorization: string | null; refusal: string | null };

/** Parsed endpoint URLs and their early SSRF verdicts, per policy: the same few URLs recur for every delivery. */
const targets = new WeakMap<SsrfPolicy, (url: string) => Target>();

function targetOf(url: string, policy: SsrfPolicy): Target {
  let of = targets.get(policy);
  if (!of) targets.set(policy, (of = boundedMemo(1_000, (u) => parseTarget(u, policy))));
  return of(url);
}

function parseTarget(url: string, policy: SsrfPolicy): Target {
  const refusal = literalHostReason(url, policy);
  if (refusal !== null) return { origin: "", path: "", authorization: null, refusal };
  const parsed = new URL(url);
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}`, authorization: basicAuth(parsed), refusal: null };
}

/** `https://user:pass@host/…` is sent as Basic auth, as Svix does (userinfo is percent-encoded in a URL). */
function basicAuth(url: URL): string | null {
  if (url.username === "" && url.password === "") return null;
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  };
  return `Basic ${Buffer.from(`${decode(url.username)}:${decode(url.password)}`).toString("base64")}`;
}

function failure(body: string, durationMs: number): SendResult {
  return { statusCode: 0, body, durationMs, retryAfterMs: null, timedOut: false };
}

/** Our User-Agent and the URL's credentials, unless the endpoint's own headers set them. */
function withDefaults(headers: Record<string, string>, authorization: string | null): Record<string, string> {
  const names = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  const out = names.has("user-agent") ? headers : { ...headers, "user-agent": USER_AGENT };
  return authorization === null || names.has("authorization") ? out : { ...out, authorization };
}

/** UTF-8 text as is; anything else (or text with a NUL, which Postgres text cannot hold) as base64. */
function decodeBody(bytes: Buffer, truncated: boolean): string {
  try {
    // `stream` tolerates a multi-byte character split by the cut instead of calling the text binary.
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: truncated });
    if (!text.includes("\u0000")) return text;
  } catch {
    // not UTF-8
  }
  return bytes.toString("base64");
}

/** Retry-After as delta-seconds or an HTTP date, in milliseconds from now. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | null {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!raw) return null;
  if (/^\d+$/.test(raw)) return Number(raw) * 1000;
  // Date.parse also accepts bare numbers and other loose forms, so require something date-like.
  if (!/[a-z]/i.test(raw)) return null;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${Number((ms / 1000).toFixed(1))}s`;
}

function errorCode(err: unknown): string | undefined {
  if (typeof err !== "object" || err === null || !("code" in err)) return undefined;
  return typeof err.code === "string" ? err.code : undefined;
}

function describeError(err: unknown): string {
  if (err instanceof ForbiddenAddressError) return err.message;
  // With happy-eyeballs, net reports one AggregateError for all attempted addresses.
  const cause = err instanceof AggregateError && err.errors.length > 0 ? (err.errors[0] as unknown) : err;
  const code = errorCode(cause) ?? errorCode(err);
  const known = code !== undefined ? ERROR_TEXT[code] : undefined;
  if (known !== undefined) return `${known} (${code})`;
  const message = cause instanceof Error ? (cause.message.split("\n")[0] ?? "").trim() : "";
  const text = message || "Request failed";
  const withCode = code !== undefined && !text.includes(code) ? `${text} (${code})` : text;
  return withCode.slice(0, MAX_ERROR_LENGTH);
}
