import { z } from "zod";
import { log } from "@/lib/log";
import { BodyTooLarge, readBoundedText } from "./read-body";

/** The portal's one error vocabulary: a code, its HTTP status, and a message safe to show. */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  invalid: 422,
  rate_limited: 429,
  internal: 500,
  core_unavailable: 502,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type FieldIssue = { path: string; message: string };

export class PortalError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
    /** For the log only, never the response: why it happened (e.g. which core, which error code). */
    readonly reason?: Record<string, unknown>,
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const errors = {
  unauthorized: () => new PortalError("unauthorized", "Your session has ended. Open the portal again."),
  forbidden: () => new PortalError("forbidden", "You do not have access to this action."),
  notFound: (what = "Not found") => new PortalError("not_found", what),
  rateLimited: () => new PortalError("rate_limited", "Too many requests. Try again in a minute."),
};

export type ErrorBody = { error: { code: ErrorCode; message: string; issues?: FieldIssue[] } };

export function errorResponse(err: unknown): Response {
  if (err instanceof PortalError) {
    if (err.reason) log.warn({ ...err.reason, status: err.status }, `portal: ${err.code}`);
    const body: ErrorBody = { error: { code: err.code, message: err.message, ...(err.issues && { issues: err.issues }) } };
    const res = Response.json(body, { status: err.status, headers: { "cache-control": "no-store" } });
    // An oversize body is left unread, so the connection cannot carry another request.
    if (err.code === "payload_too_large") res.headers.set("connection", "close");
    return res;
  }
  // Internal messages never reach the browser; the log keeps them.
  log.error({ err }, "portal: unexpected error");
  const body: ErrorBody = { error: { code: "internal", message: "Something went wrong on our side." } };
  return Response.json(body, { status: 500, headers: { "cache-control": "no-store" } });
}

/** zod validation → 422 with per-field issues. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new PortalError(
    "invalid",
    "Some fields are not valid.",
    result.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
  );
}

/** Reads a JSON body, never buffering more than `maxBytes` (413 past it), 422 when it is not JSON. */
export async function readBody(req: Request, maxBytes = 256 * 1024): Promise<unknown> {
  let text: string;
  try {
    text = await readBoundedText(req, maxBytes);
  } catch (err) {
    if (err instanceof BodyTooLarge) throw new PortalError("payload_too_large", "The request is too large.");
    throw err;
  }
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new PortalError("invalid", "The request body is not valid JSON.");
  }
}
