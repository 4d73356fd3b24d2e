import { z } from "zod";
import { BodyTooLarge, readBoundedText } from "@/lib/http/read-body";
import { log } from "@/lib/log";
import { CoreError, ValidationError, payloadTooLarge, type ValidationItem } from "./errors";

/** Svix Cloud accepts message payloads up to 1 MiB (serialised); a route storing one checks it with `payloadTooLarge`. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
/** The request body may carry a little more than the payload: the message's other fields. */
export const MAX_BODY_BYTES = MAX_PAYLOAD_BYTES + 64 * 1024;

/** serde_json's recursion limit, which svix-server inherits; deeper documents overflow JSON.stringify's stack here. */
export const MAX_JSON_DEPTH = 128;

/** The text of responses built here, so it can be kept (Idempotency-Key) without reading the body stream. */
const texts = new WeakMap<Response, string>();

export function json(body: unknown, status = 200): Response {
  const text = JSON.stringify(body);
  const res = new Response(text, { status, headers: { "content-type": "application/json" } });
  texts.set(res, text);
  return res;
}

export function noContent(): Response {
  const res = new Response(null, { status: 204 });
  texts.set(res, "");
  return res;
}

/** The body of a response made by `json` or `noContent`, read without consuming it. */
export async function bodyText(res: Response): Promise<string> {
  return texts.get(res) ?? (await res.clone().text());
}

export function errorResponse(err: unknown): Response {
  if (err instanceof ValidationError) return json({ detail: err.items }, 422);
  if (err instanceof CoreError) {
    const res = json({ code: err.code, detail: err.detail }, err.status);
    // An oversize body is left unread, so the connection cannot carry another request.
    if (err.status === 413) res.headers.set("connection", "close");
    return res;
  }
  // Two requests racing for the same uid / eventId: the unique index decides.
  const code = pgCode(err);
  if (code === "23505") return json({ code: "conflict", detail: "A conflict has occurred" }, 409);
  // Postgres cannot store U+0000 in text (22021) or jsonb (22P05). The router refuses it in paths and
  // query strings, so here it came from a body field.
  if (code === "22021" || code === "22P05") {
    return json({ detail: [{ loc: ["body"], msg: "text may not contain NUL (\\u0000) characters", type: "value_error" }] }, 422);
  }
  log.error({ err }, "core: unexpected error");
  // Never let internal messages reach a client; the body matches Svix's HttpErrorOut.
  return json({ code: "internal_error", detail: "Internal server error" }, 500);
}

/** Reads a JSON body, refusing oversize bodies with 413 before buffering them whole. */
export async function readJson(req: Request): Promise<unknown> {
  const text = await readText(req);
  if (text.trim() === "") throw new ValidationError([{ loc: ["body"], msg: "field required", type: "value_error.missing" }]);
  if (nestingDepth(text) > MAX_JSON_DEPTH) throw jsonDecode("recursion limit exceeded");
  try {
    return JSON.parse(text);
  } catch {
    throw jsonDecode("Expecting a valid JSON document");
  }
}

const jsonDecode = (msg: string) => new ValidationError([{ loc: ["body"], msg, type: "value_error.jsondecode" }]);

/** The deepest nesting of arrays and objects in a JSON text, brackets inside strings not counted. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return max;
}

async function readText(req: Request): Promise<string> {
  try {
    return await readBoundedText(req, MAX_BODY_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLarge) throw payloadTooLarge();
    throw err;
  }
}

/** Validates with zod; failures become Svix's 422 with `loc` rooted at "body" or "query". */
export function parse<S extends z.ZodType>(schema: S, value: unknown, root: "body" | "query" | "path"): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(result.error.issues.map((issue) => toItem(issue, root)));
}

function toItem(issue: z.core.$ZodIssue, root: string): ValidationItem {
  const loc = [root, ...issue.path.map((p) => String(p))];
  if (issue.code === "invalid_type" && /received undefined/.test(issue.message)) {
    return { loc, msg: "field required", type: "value_error.missing" };
  }
  const type = issue.code === "invalid_type" ? `type_error.${issue.expected}` : "value_error";
  return { loc, msg: issue.message, type };
}

/** Query parameters as an object; repeated keys and `key[]`/`key[0]` forms become arrays. */
export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [rawKey, value] of params) {
    const key = rawKey.replace(/\[\d*\]$/, "");
    const prev = out[key];
    if (prev === undefined) out[key] = rawKey === key ? value : [value];
    else out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

function pgCode(err: unknown): string | undefined {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}
