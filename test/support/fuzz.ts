/**
 * Generated bad input for the fuzz test: a seeded random source (the same seed, the same cases),
 * valid-looking values built from JSON Schemas (the route table's zod schemas converted, or the
 * core's OpenAPI components), and mutations of them.
 */

type Schema = { [key: string]: unknown };

/** mulberry32: small, fast and the same on every machine. */
export function random(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[rng.int(items.length)]!,
    chance: (p) => next() < p,
  };
  return rng;
}

export type Rng = { next(): number; int(n: number): number; pick<T>(items: readonly T[]): T; chance(p: number): boolean };

/** A stable seed per name, so adding a route does not change the cases of the others. */
export function seedOf(name: string, base: number): number {
  let h = base >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619) >>> 0;
  return h;
}

const LONE_HIGH = "\ud800";
const LONE_LOW = "\udfff";

/** Strings Postgres, URLs, dates and parsers trip on. None holds words the leak check looks for. */
export const BAD_STRINGS: readonly string[] = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  LONE_HIGH,
  `x${LONE_LOW}y`,
  ".",
  "..",
  "...",
  "../../etc/passwd",
  "%00",
  "%2e%2e",
  "a/b",
  "\\",
  "\u202e\u200b",
  "😀".repeat(64),
  "x".repeat(257),
  "y".repeat(70_000),
  "'; --",
  '"',
  "<script>alert(1)</script>",
  "2026-13-45T99:99:99Z",
  "0001-01-01T00:00:00Z",
  "9999-12-31T23:59:59.999Z",
  "+275760-09-13T00:00:00Z",
  "-1",
  "0",
  "1e400",
  "NaN",
  "Infinity",
  "null",
  "true",
  "[]",
  "{}",
  "ftp://example.com/",
  "javascript:alert(1)",
  "http://[::1]:0/",
];

export const BAD_NUMBERS: readonly number[] = [0, -1, -0.5, 0.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 5e-324];

/** Values of the wrong type for anything. */
export function wrongType(rng: Rng): unknown {
  return rng.pick<() => unknown>([
    () => rng.pick(BAD_STRINGS),
    () => rng.pick(BAD_NUMBERS),
    () => rng.pick([true, false, null]),
    () => [],
    () => [rng.pick(BAD_STRINGS), rng.pick(BAD_NUMBERS)],
    () => ({}),
    () => ({ [rng.pick(BAD_STRINGS)]: rng.pick(BAD_STRINGS) }),
    () => `${DEEP}${rng.pick([64, 1_000, 5_000])}:${rng.pick(["[", "{"])}`,
  ])();
}

/**
 * Stands for an array or object nested thousands of levels deep: written into the JSON text
 * (by `withDeep`) rather than built, since serializing one would overflow the test's own stack.
 */
const DEEP = "deep:";

function withDeep(json: string): string {
  return json.replace(/"\\u0001deep:(\d+):([[{])"/g, (_, n: string, open: string) => {
    const depth = Number(n);
    return open === "[" ? "[".repeat(depth) + '"leaf"' + "]".repeat(depth) : '{"a":'.repeat(depth) + '"leaf"' + "}".repeat(depth);
  });
}

/** Raw bodies that are not the JSON object a route expects. */
export const BAD_RAW_BODIES: readonly string[] = [
  "not json",
  "{",
  '{"a":',
  "[]",
  "null",
  "42",
  '"text"',
  "\u0000",
  '{"a":"\\u0000"}',
  '{"a":"\\ud800"}',
  "[".repeat(20_000) + "]".repeat(20_000),
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
];

/** Resolves local `$ref`s against `root` (an OpenAPI document or a JSON Schema with `$defs`). */
function resolve(schema: Schema, root: Schema): Schema {
  let s = schema;
  for (let i = 0; i < 20 && typeof s.$ref === "string"; i++) {
    const parts = s.$ref.replace(/^#\//, "").split("/");
    let node: unknown = root;
    for (const part of parts) node = (node as Schema | undefined)?.[part];
    s = (node as Schema | undefined) ?? {};
  }
  return s;
}

/** A value that plausibly passes `schema`: required fields, a random half of the optional ones. */
export function sample(schema: Schema, root: Schema, rng: Rng, depth = 0): unknown {
  const s = resolve(schema, root);
  if (depth > 6) return null;
  const branches = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (branches?.length) return sample(rng.pick(branches.filter((b) => b.type !== "null").length ? branches.filter((b) => b.type !== "null") : branches), root, rng, depth + 1);
  if (Array.isArray(s.allOf) && s.allOf.length) return sample(s.allOf[0] as Schema, root, rng, depth + 1);
  if (Array.isArray(s.enum) && s.enum.length) return rng.pick(s.enum);
  if (s.const !== undefined) return s.const;
  if (s.default !== undefined && rng.chance(0.3)) return s.default;
  if (s.example !== undefined && rng.chance(0.5)) return s.example;
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== "null") as string | undefined) : (s.type as string | undefined);
  switch (type ?? (s.properties ? "object" : undefined)) {
    case "object": {
      const out: Record<string, unknown> = {};
      const required = new Set((s.required as string[] | undefined) ?? []);
      for (const [key, prop] of Object.entries((s.properties as Record<string, Schema> | undefined) ?? {})) {
        if (required.has(key) || rng.chance(0.5)) out[key] = sample(prop, root, rng, depth + 1);
      }
      return out;
    }
    case "array":
      return s.items ? [sample(s.items as Schema, root, rng, depth + 1)] : [];
    case "integer":
      return typeof s.minimum === "number" ? s.minimum : 1;
    case "number":
      return typeof s.minimum === "number" ? s.minimum : 1.5;
    case "boolean":
      return rng.chance(0.5);
    case "string":
      if (s.format === "date-time") return new Date(Date.now() - 3_600_000).toISOString();
      if (s.format === "uri" || s.format === "url") return "https://example.com/fuzz";
      if (s.format === "email") return "fuzz@example.com";
      return "fuzz-value".slice(0, typeof s.maxLength === "number" ? Math.max(1, s.maxLength) : 10);
    default:
      return rng.chance(0.5) ? "fuzz" : { k: "v" };
  }
}

type Path = (string | number)[];

/** Every position inside a JSON value, the root included. */
function positions(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (at.length > 8) return out;
  if (Array.isArray(value)) value.forEach((v, i) => positions(v, [...at, i], out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) positions(v, [...at, k], out);
  return out;
}

function setAt(value: unknown, path: Path, next: unknown, remove = false): unknown {
  if (path.length === 0) return next;
  const copy: unknown = Array.isArray(value) ? [...(value as unknown[])] : { ...(value as Record<string, unknown>) };
  const [head, ...rest] = path;
  const container = copy as Record<string | number, unknown>;
  if (rest.length === 0 && remove) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete container[head!];
  } else container[head!] = setAt(container[head!], rest, next, remove);
  return copy;
}

/**
 * One mutation of a valid-looking body: a field of the wrong type or a bad string, a field left
 * out, an unknown one added, or the whole body replaced. Returns the raw text to send.
 */
export function mutateBody(base: unknown, rng: Rng): string {
  const roll = rng.next();
  if (roll < 0.1) return rng.pick(BAD_RAW_BODIES);
  if (roll < 0.15) return JSON.stringify(base);
  const spots = positions(base);
  const spot = rng.pick(spots);
  let body: unknown;
  if (roll < 0.3 && spot.length > 0) body = setAt(base, spot, undefined, true);
  else if (roll < 0.4 && base && typeof base === "object" && !Array.isArray(base)) body = { ...base, [rng.pick(["extra", "__proto__", "", "."])]: wrongType(rng) };
  else if (roll < 0.7) body = setAt(base, spot, rng.pick(BAD_STRINGS));
  else body = setAt(base, spot, wrongType(rng));
  return withDeep(JSON.stringify(body));
}

/** A query string of the route's own keys (and a stray one) holding bad values; raw, so `%` escapes stay as sent. */
export function badQuery(keys: readonly string[], rng: Rng): string {
  const parts: string[] = [];
  const names = keys.length && rng.chance(0.9) ? keys : ["unknown"];
  for (const key of names) {
    if (!rng.chance(0.45)) continue;
    const raw = rng.pick<() => string>([
      () => encodeLoose(rng.pick(BAD_STRINGS)),
      () => String(rng.pick(BAD_NUMBERS)),
      () => rng.pick(["%", "%ZZ", "%00", "%ED%A0%80", "%C0%AE", "a%26b%3Dc", "%2C%2C", ",,,", "a,,b,"]),
    ])();
    parts.push(`${encodeURIComponent(key)}=${raw}`);
    if (rng.chance(0.1)) parts.push(`${encodeURIComponent(key)}=${raw}`);
  }
  return parts.length ? `?${parts.join("&")}` : "";
}

/**
 * A bad path segment as written in the URL, and the value Next.js hands the handler (it decodes
 * the segment; one that does not decode is Next.js's own 400, so never reaches a handler).
 */
export function badSegment(rng: Rng): { value: string; raw: string } | null {
  const raw = rng.pick(["%2E", "%2E%2E", ".", "%25", "%00", "%ED%A0%80", "%C0%AE", "x".repeat(300), "app_" + "z".repeat(80), "a%20b", "a%2Fb", "%F0%9F%98%80", "-1", "null", "%20"]);
  try {
    return { value: decodeURIComponent(raw), raw };
  } catch {
    return null;
  }
}

/** encodeURIComponent, with lone surrogates written as the bytes a careless client sends. */
export function encodeLoose(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return [...s].map((c) => (/[\ud800-\udfff]/.test(c) ? "%ED%A0%80" : encodeURIComponent(c))).join("");
  }
}

/**
 * Internals an answer must never carry: a stack frame, an exception's text, a source path, SQL
 * as the query builder writes it, or the database's own words. Case-sensitive: "Select" in a
 * sentence is not SQL.
 */
const LEAK = new RegExp(
  [
    String.raw`\n\s+at\s`,
    String.raw`\bat (?:async )?[\w.$<>]+ \(`,
    String.raw`\b[A-Z]\w*Error: `,
    "node_modules",
    String.raw`\.[cm]?[jt]sx?:\d+`,
    "Failed query",
    String.raw`\b(?:select|SELECT) .*\b(?:from|FROM) "`,
    String.raw`\b(?:insert into|INSERT INTO|delete from|DELETE FROM) "`,
    String.raw`\b(?:update|UPDATE) "\w+" (?:set|SET)\b`,
    "syntax error at",
    String.raw`violates \w+(?: \w+)? constraint`,
    "duplicate key value",
    "invalid input syntax",
    'relation "',
    String.raw`column "\w+"`,
    "out of range for type",
    "value too long for type",
    "stack depth limit",
    "invalid byte sequence",
    "unsupported Unicode escape",
    "PGlite",
  ].join("|"),
);

/** The leaked text, when there is some. */
export function leakIn(text: string): string | null {
  const m = LEAK.exec(text);
  return m ? text.slice(Math.max(0, m.index - 80), m.index + 120) : null;
}
