import { z } from "zod";
import { ValidationError } from "./errors";
import { readJson } from "./http";
import { nameSchema, storableDate, storableString } from "@/lib/storable";

/**
 * For routes whose whole body is optional: no body reads as `{}`, but a malformed one is still a
 * 422 (a truncated `{"key": ...}` must not rotate to a random secret).
 */
export async function readOptionalJson(req: Request): Promise<unknown> {
  try {
    return await readJson(req);
  } catch (err) {
    if (err instanceof ValidationError && err.items.every((i) => i.type === "value_error.missing")) return {};
    throw err;
  }
}

const patternMessage = "must match ^[a-zA-Z0-9\\-_.]+$";

export const uidSchema = nameSchema(256, patternMessage);

export const eventTypeName = nameSchema(256, patternMessage);

export const channelName = nameSchema(128, patternMessage);

export const metadataSchema = z.record(storableString(), storableString());

export const throttleRateSchema = z.number().int().min(1).max(65535);

/** A uid may not look like one of our ids, or lookups by id-or-uid would be ambiguous. */
export const uidFor = (prefix: string) =>
  uidSchema.refine((v) => !v.startsWith(prefix), `uid may not start with "${prefix}"`);

const boolParam = z.enum(["true", "false"]).transform((v) => v === "true");
const dateParam = storableDate();
const list = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(",")).filter((s) => s !== ""));

export const q = {
  limit: z.coerce.number().int().min(1).max(250).default(50),
  iterator: z.string().max(300).optional(),
  order: z.enum(["ascending", "descending"]).optional(),
  bool: (dflt: boolean) => boolParam.default(dflt),
  date: dateParam.optional(),
  list: list.optional(),
  status: z.coerce.number().int().pipe(z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)])).optional(),
  statusCodeClass: z.coerce
    .number()
    .int()
    .pipe(z.union([z.literal(0), z.literal(100), z.literal(200), z.literal(300), z.literal(400), z.literal(500)]))
    .optional(),
};

export const pageQuery = z.object({ limit: q.limit, iterator: q.iterator, order: q.order });
