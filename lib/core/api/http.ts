import { z } from "zod";
import { CoreError, ValidationError, type ValidationItem } from "./errors";

/** Svix Cloud accepts payloads up to 1 MiB; the request body may carry a little more than the payload. */
export const MAX_BODY_BYTES = 1024 * 1024 + 64 * 1024;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

export function errorResponse(err: unknown): Response {
  if (err instanceof ValidationError) return json({ detail: err.items }, 422);
  if (err instanceof CoreError) return json({ code: err.code, detail: err.detail }, err.status);
  // Two requests racing for the same uid / eventId: the unique index decides.
  if (pgCode(err) === "23505") return json({ code: "conflict", detail: "A conflict has occurred" }, 409);
  console.error("core: unexpected error", err);
  // Never let internal messages reach a client; the body matches Svix's HttpErrorOut.
  return json({ code: "internal_error", detail: "Internal server error" }, 500);
}

/** Reads a JSON body, refusing oversize bodies with 413 before buffering them whole. */
export async function readJson(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await readText(req);
  if (text.trim() === "") throw new ValidationError([{ loc: ["body"], msg: "field required", type: "value_error.missing" }]);
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError([{ loc: ["body"], msg: "Expecting a valid JSON document", type: "value_error.jsondecode" }]);
  }
}

async function readText(req: Request): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const tooLarge = () => new CoreError(413, "payload_too_large", "Request payload is too large.");

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
