import { z } from "zod";

/**
 * Postgres refuses NUL in text and jsonb, and a lone UTF-16 surrogate cannot be encoded as UTF-8
 * (jsonb rejects the `\ud800` escape JSON.stringify writes for it). Either one reached the
 * database as a 500; refusing it at the schema keeps the request a 422 that changes nothing.
 * With the `u` flag a well-formed surrogate pair is one code point, so \p{Cs} only sees lone halves.
 */
const UNSTORABLE = /[\u0000\p{Cs}]/u;

export const UNSTORABLE_MESSAGE = "may not contain NUL characters or unpaired UTF-16 surrogates";

export function isStorableText(s: string): boolean {
  return !UNSTORABLE.test(s);
}

/** Every key and string inside a JSON value is storable text. */
export function isStorableJson(value: unknown): boolean {
  if (typeof value === "string") return isStorableText(value);
  if (Array.isArray(value)) return value.every(isStorableJson);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).every(([k, v]) => isStorableText(k) && isStorableJson(v));
  }
  return true;
}

/** A string that Postgres can store as text or inside jsonb. */
export const storableString = () => z.string().refine(isStorableText, UNSTORABLE_MESSAGE);

/** Svix's pattern for ids, uids, event types, channels and flags. */
export const NAME_PATTERN = /^[a-zA-Z0-9\-_.]+$/;

/**
 * A name made only of dots (`.`, `..`) matches the pattern but, as a path segment, folds the URL
 * it is put in (`/endpoint/..` is the endpoint list), so what is named by it cannot be reached.
 */
export const isDotsOnly = (s: string): boolean => /^\.+$/.test(s);

export const DOTS_MESSAGE = "may not be made only of dots";

/** A name by Svix's pattern that is not made only of dots; `message` is the pattern's error. */
export const nameSchema = (max: number, message: string) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(NAME_PATTERN, message)
    .refine((s) => !isDotsOnly(s), DOTS_MESSAGE);

// Ids are time-ordered from the Unix epoch, and Postgres has no year 0: a date outside this range
// (or a default window reaching past it, e.g. stats' 28 days before 0000-01-01) reached SQL as a 500.
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export const DATE_RANGE_MESSAGE = "must be between 1970-01-01 and 9999-12-31";

/** An ISO 8601 date-time with an offset, as a Date in a range every query and id can hold. */
export const storableDate = (message?: string) =>
  z.iso
    .datetime({ offset: true, ...(message !== undefined && { error: message }) })
    .transform((v) => new Date(v))
    .refine((d) => d.getTime() >= EARLIEST && d.getTime() <= LATEST, DATE_RANGE_MESSAGE);
