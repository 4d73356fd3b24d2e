/**
 * A JSON Schema as the rows of a property table: one row per property, children indented under
 * their object (and under an array's item object), so a reader scans a payload's shape without
 * reading JSON Schema. Pure, so the table and its tests share it.
 */
export type SchemaRow = {
  /** Stable across renders: the property's path, `customer.email`, `lines[].amount`. */
  path: string;
  name: string;
  depth: number;
  /** `string`, `integer | null`, `array of object`, `one of: string, number`… */
  type: string;
  format: string | null;
  required: boolean;
  description: string | null;
  enumValues: string[];
};

type Schema = Record<string, unknown>;

/** Nesting stops here: a schema that deep is unreadable as a table (and a self-reference would loop). */
const MAX_DEPTH = 8;

const isSchema = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

/** A value as JSON would show it, for enum and const values. */
const literal = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v));

/** The last segment of a `$ref` (`#/definitions/Invoice` → `Invoice`). */
const refName = (ref: string): string => ref.split("/").pop() || ref;

function alternatives(s: Schema): Schema[] | null {
  for (const key of ["oneOf", "anyOf"] as const) {
    const list = s[key];
    if (Array.isArray(list)) return list.filter(isSchema);
  }
  return null;
}

/** What a value of this schema is, in a few words. */
export function typeOf(s: Schema): string {
  if (typeof s.$ref === "string") return refName(s.$ref);
  if ("const" in s) return `const ${literal(s.const)}`;
  const alts = alternatives(s);
  if (alts) return `one of: ${alts.map(typeOf).join(", ")}`;
  const t = s.type;
  const base = Array.isArray(t) ? t.filter((x): x is string => typeof x === "string") : typeof t === "string" ? [t] : [];
  const named = base.map((x) => (x === "array" ? arrayType(s) : x));
  if (named.length > 0) return named.join(" | ");
  if (isSchema(s.properties)) return "object";
  if (isSchema(s.items)) return arrayType(s);
  return "any";
}

function arrayType(s: Schema): string {
  return isSchema(s.items) ? `array of ${typeOf(s.items)}` : "array";
}

/** The object whose properties sit under this one: itself, or an array's items. */
function childObject(s: Schema): Schema | null {
  if (isSchema(s.properties)) return s;
  if (isSchema(s.items) && isSchema(s.items.properties)) return s.items;
  return null;
}

function enumOf(s: Schema): string[] {
  const own = Array.isArray(s.enum) ? s.enum : isSchema(s.items) && Array.isArray(s.items.enum) ? s.items.enum : [];
  return own.map(literal);
}

function walk(obj: Schema, depth: number, prefix: string, out: SchemaRow[]): void {
  const props = obj.properties;
  if (!isSchema(props)) return;
  const required = new Set(Array.isArray(obj.required) ? obj.required.filter((x): x is string => typeof x === "string") : []);
  for (const [name, raw] of Object.entries(props)) {
    const s = isSchema(raw) ? raw : {};
    const child = childObject(s);
    const path = `${prefix}${name}`;
    out.push({
      path,
      name,
      depth,
      type: typeOf(s),
      format: typeof s.format === "string" ? s.format : isSchema(s.items) && typeof s.items.format === "string" ? s.items.format : null,
      required: required.has(name),
      description: typeof s.description === "string" && s.description ? s.description : typeof s.title === "string" && s.title ? s.title : null,
      enumValues: enumOf(s),
    });
    if (child && depth + 1 < MAX_DEPTH) walk(child, depth + 1, child === s ? `${path}.` : `${path}[].`, out);
  }
}

/** The rows of a schema's top-level object (a payload that is not an object has none). */
export function schemaRows(schema: Schema | null): SchemaRow[] {
  if (!schema) return [];
  const out: SchemaRow[] = [];
  const root = childObject(schema);
  if (root) walk(root, 0, root === schema ? "" : "[].", out);
  return out;
}
