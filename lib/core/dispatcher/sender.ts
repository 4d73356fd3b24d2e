import { performance } from "node:perf_hooks";
import { request, type Dispatcher } from "undici";
import { type Cidr, ForbiddenAddressError, literalHostReason } from "./ssrf";

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
  allowlist: Cidr[];
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

/** POSTs one webhook attempt. Never throws: every failure becomes a SendResult with statusCode 0. */
export async function sendWebhook(agent: Dispatcher, req: SendRequest): Promise<SendResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);

  // The guarded agent also refuses literals, but checking here avoids even queueing a request.
  const refusal = literalHostReason(req.url, req.allowlist);
  if (refusal !== null) return failure(refusal, elapsed());

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, req.timeoutMs);

  try {
    const res = await request(req.url, {
      dispatcher: agent,
      method: "POST",
      headers: withUserAgent(req.headers),
      body: req.body,
      signal: controller.signal,
      // Our own timer bounds the whole exchange; undici's per-phase timers are only a backstop.
      headersTimeout: req.timeoutMs + 1_000,
      bodyTimeout: req.timeoutMs + 1_000,
    });
    const body = await readCapped(res.body, MAX_RESPONSE_BYTES);
    return {
      statusCode: res.statusCode,
      body,
      durationMs: elapsed(),
      retryAfterMs: parseRetryAfter(res.headers["retry-after"]),
      timedOut: false,
    };
  } catch (err) {
    const code = errorCode(err);
    if (timedOut || (code !== undefined && TIMEOUT_CODES.has(code))) {
      const text = timedOut
        ? `Request timed out after ${formatMs(req.timeoutMs)}`
        : describeError(err);
      return { statusCode: 0, body: text, durationMs: elapsed(), retryAfterMs: null, timedOut: true };
    }
    return failure(describeError(err), elapsed());
  } finally {
    clearTimeout(timer);
  }
}

function failure(body: string, durationMs: number): SendResult {
  return { statusCode: 0, body, durationMs, retryAfterMs: null, timedOut: false };
}

function withUserAgent(headers: Record<string, string>): Record<string, string> {
  const hasUserAgent = Object.keys(headers).some((name) => name.toLowerCase() === "user-agent");
  return hasUserAgent ? headers : { ...headers, "user-agent": USER_AGENT };
}

/** Stops reading (which closes the connection) once `limit` bytes are in, so a huge body is never buffered. */
async function readCapped(stream: AsyncIterable<unknown>, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    const room = limit - size;
    if (buf.length > room) {
      chunks.push(buf.subarray(0, room));
      size = limit;
      truncated = true;
      break;
    }
    chunks.push(buf);
    size += buf.length;
  }
  return decodeBody(Buffer.concat(chunks, size), truncated);
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
