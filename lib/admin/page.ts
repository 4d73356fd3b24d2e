import { z } from "zod";
import { PortalError } from "@/lib/http/errors";

export type { Page } from "@/lib/http/page";

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(250).default(50),
  iterator: z.string().min(1).max(512).nullish().transform((v) => v ?? null),
});

/** Iterators are opaque to callers; inside they hold the last key of the previous page. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, "utf8").toString("base64url");
}

export function decodeCursor(iterator: string): string {
  const key = Buffer.from(iterator, "base64url").toString("utf8");
  if (!key || encodeCursor(key) !== iterator) throw new PortalError("invalid", "Some fields are not valid.", [{ path: "iterator", message: "not a valid iterator" }]);
  return key;
}
