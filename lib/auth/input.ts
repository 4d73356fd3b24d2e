import { z } from "zod";
import { PortalError, validate } from "@/lib/http/errors";
import { BodyTooLarge, readBoundedText } from "@/lib/http/read-body";
import { isStorableText, UNSTORABLE_MESSAGE } from "@/lib/storable";

/** Where next-auth may send the browser: a path on the portal or a URL on its origin. */
function isPortalUrl(value: string, portalUrl: string): boolean {
  // WHATWG URLs read `\` as `/`, so `\\evil.example` is another host; next-auth threw on it (a 500).
  if (/[\\\u0000-\u001f]/.test(value)) return false;
  try {
    return new URL(value, portalUrl).origin === new URL(portalUrl).origin;
  } catch {
    return false;
  }
}

const fields = (portalUrl: string) =>
  z
    .record(z.string(), z.string().refine(isStorableText, UNSTORABLE_MESSAGE))
    .superRefine((v, ctx) => {
      if (v.callbackUrl !== undefined && !isPortalUrl(v.callbackUrl, portalUrl)) {
        ctx.addIssue({ code: "custom", path: ["callbackUrl"], message: "Must be a page of this portal." });
      }
    });

/**
 * next-auth reads the query and the POST body as it finds them: a JSON content type with another
 * body, a callbackUrl it cannot parse, or a NUL that reaches the database were each a 500.
 * Checked here on a copy of the body (next-auth reads the original), as a 422 before any work.
 */
export async function checkAuthInput(req: Request, portalUrl: string): Promise<void> {
  const schema = fields(portalUrl);
  validate(schema, Object.fromEntries(new URL(req.url).searchParams));
  if (req.method !== "POST" || !req.body) return;
  const type = req.headers.get("content-type") ?? "";
  let body: unknown;
  if (type.includes("application/json")) {
    const text = await copyOfBody(req);
    try {
      body = JSON.parse(text);
    } catch {
      throw new PortalError("invalid", "The request body is not valid JSON.");
    }
    if (body === null || typeof body !== "object" || Array.isArray(body)) throw new PortalError("invalid", "The request body must be an object.");
    // next-auth expects the form's fields: strings only.
    validate(z.record(z.string(), z.union([z.string(), z.boolean()]).transform(String)).pipe(schema), body);
  } else if (type.includes("application/x-www-form-urlencoded")) {
    validate(schema, Object.fromEntries(new URLSearchParams(await copyOfBody(req))));
  }
}

/** A sign-in form is a few hundred bytes; the copy is capped so it cannot be made to buffer more. */
const MAX_AUTH_BODY_BYTES = 16 * 1024;

async function copyOfBody(req: Request): Promise<string> {
  try {
    return await readBoundedText(req.clone(), MAX_AUTH_BODY_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLarge) throw new PortalError("payload_too_large", "The request is too large.");
    throw err;
  }
}
