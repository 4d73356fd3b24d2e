/**
 * Response validation against the vendored Svix server contract (OpenAPI 3.0.2).
 *
 * The spec is read from contracts/, where it is vendored unmodified. Its schemas are OpenAPI 3.0
 * dialect, so before Ajv sees them they are rewritten into plain JSON Schema:
 *   - `nullable: true` becomes a `"null"` type (or `anyOf [..., {type: "null"}]` next to `$ref`);
 *   - local `$ref`s point at the spec document registered under SPEC_ID.
 * Keywords Ajv does not know (`example`, `x-*`, ...) are ignored (`strict: false`).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsImport from "ajv-formats";

export const SPEC_PATH = fileURLToPath(new URL("../../contracts/svix-server-openapi.json", import.meta.url));

const SPEC_ID = "svix-server-openapi.json";
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];

type JsonObject = { [key: string]: unknown };

interface MediaType {
  schema?: JsonObject;
}

interface ResponseObject {
  description?: string;
  content?: Record<string, MediaType>;
}

interface Operation {
  operationId?: string;
  responses?: Record<string, ResponseObject>;
}

type PathItem = Partial<Record<HttpMethod, Operation>>;

interface Spec extends JsonObject {
  paths: Record<string, PathItem>;
}

interface Template {
  path: string;
  segments: string[];
  literalCount: number;
  item: PathItem;
}

export interface MatchedOperation {
  /** The spec's path template, e.g. `/api/v1/app/{app_id}`. */
  template: string;
  method: HttpMethod;
  operation: Operation;
}

/* ---------------------------------------------------------------- spec loading */

let cachedSpec: Spec | undefined;
let cachedTemplates: Template[] | undefined;
let cachedAjv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The raw (untransformed) spec document. */
export function loadSpec(): Spec {
  if (cachedSpec) return cachedSpec;
  const parsed: unknown = JSON.parse(readFileSync(SPEC_PATH, "utf8"));
  if (!isObject(parsed) || !isObject(parsed.paths)) {
    throw new Error(`${SPEC_PATH} is not an OpenAPI document with "paths"`);
  }
  cachedSpec = parsed as Spec;
  return cachedSpec;
}

function templates(): Template[] {
  if (cachedTemplates) return cachedTemplates;
  cachedTemplates = Object.entries(loadSpec().paths).map(([p, item]) => {
    const segments = splitPath(p);
    return { path: p, segments, literalCount: segments.filter((s) => !isParam(s)).length, item };
  });
  return cachedTemplates;
}

/* ---------------------------------------------------------------- OpenAPI 3.0 -> JSON Schema */

const SCHEMA_MAP_KEYWORDS = new Set(["properties", "patternProperties", "definitions", "$defs"]);

/** Deep-copies a spec fragment, turning OpenAPI 3.0 `nullable` into JSON Schema and re-rooting `$ref`s. */
function toJsonSchema(node: unknown, inSchemaMap = false): unknown {
  if (Array.isArray(node)) return node.map((v) => toJsonSchema(v));
  if (!isObject(node)) return node;

  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (inSchemaMap) {
      // Keys of `properties` etc. are property names, not keywords.
      out[key] = toJsonSchema(value);
    } else if (key === "$ref" && typeof value === "string" && value.startsWith("#")) {
      out[key] = SPEC_ID + value;
    } else {
      out[key] = toJsonSchema(value, SCHEMA_MAP_KEYWORDS.has(key));
    }
  }
  if (inSchemaMap || !("nullable" in out)) return out;

  const nullable = out.nullable === true;
  delete out.nullable;
  if (!nullable) return out;

  const type = out.type;
  if (typeof type === "string" || Array.isArray(type)) {
    const types = Array.isArray(type) ? type : [type];
    if (!types.includes("null")) out.type = [...types, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  // `$ref`/`allOf`/... with `nullable`: keep annotations outside, the constraints inside an anyOf branch.
  const annotations = new Set(["description", "title", "example", "examples", "default", "deprecated"]);
  const outer: JsonObject = {};
  const inner: JsonObject = {};
  for (const [key, value] of Object.entries(out)) {
    if (annotations.has(key) || key.startsWith("x-")) outer[key] = value;
    else inner[key] = value;
  }
  outer.anyOf = [inner, { type: "null" }];
  return outer;
}

/* ---------------------------------------------------------------- Ajv */

// ajv-formats is CommonJS; depending on the interop layer its default export may arrive wrapped.
type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats: FormatsPlugin = (() => {
  const mod: unknown = addFormatsImport;
  if (typeof mod === "function") return mod as FormatsPlugin;
  if (isObject(mod) && typeof mod.default === "function") return mod.default as FormatsPlugin;
  throw new Error("ajv-formats did not export a plugin function");
})();

/** Integer formats used by Rust-generated specs; each checks integrality and range. */
const INTEGER_FORMATS: Record<string, [number, number]> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32_768, 32_767],
  uint16: [0, 65_535],
  int32: [-2_147_483_648, 2_147_483_647],
  uint32: [0, 4_294_967_295],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint64: [0, Number.MAX_SAFE_INTEGER],
};

function getAjv(): Ajv {
  if (cachedAjv) return cachedAjv;
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateSchema: false, // the registered document is an OpenAPI spec, not a JSON Schema
    logger: false,
  });
  addFormats(ajv);
  for (const [name, [min, max]] of Object.entries(INTEGER_FORMATS)) {
    ajv.addFormat(name, {
      type: "number",
      validate: (n: number) => Number.isInteger(n) && n >= min && n <= max,
    });
  }
  for (const name of ["float", "double"]) ajv.addFormat(name, { type: "number", validate: Number.isFinite });
  const converted = toJsonSchema(loadSpec());
  if (!isObject(converted)) throw new Error("spec conversion failed");
  ajv.addSchema({ ...converted, $id: SPEC_ID }, SPEC_ID);
  cachedAjv = ajv;
  return ajv;
}

function pointerToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

function responseValidator(match: MatchedOperation, statusKey: string, mediaType: string): ValidateFunction {
  const cacheKey = `${match.method} ${match.template} ${statusKey} ${mediaType}`;
  const cached = validators.get(cacheKey);
  if (cached) return cached;
  const pointer = ["paths", match.template, match.method, "responses", statusKey, "content", mediaType, "schema"]
    .map(pointerToken)
    .join("/");
  const validate = getAjv().compile({ $ref: `${SPEC_ID}#/${pointer}` });
  validators.set(cacheKey, validate);
  return validate;
}

/* ---------------------------------------------------------------- matching */

function splitPath(p: string): string[] {
  return p.split("/").filter((s, i) => !(i === 0 && s === ""));
}

function isParam(segment: string): boolean {
  return /^\{[^}]+\}$/.test(segment);
}

/** The path part of a URL or path (no query string or fragment, no origin). */
function pathOf(url: string): string {
  const noOrigin = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? new URL(url).pathname : url;
  return noOrigin.replace(/[?#].*$/, "");
}

/** The spec path template a request path belongs to; literal segments win over parameters. */
export function matchTemplate(url: string): string | undefined {
  const segments = splitPath(pathOf(url));
  let best: Template | undefined;
  for (const t of templates()) {
    if (t.segments.length !== segments.length) continue;
    const ok = t.segments.every((s, i) => (isParam(s) ? (segments[i] ?? "") !== "" : s === segments[i]));
    if (!ok) continue;
    if (!best || compareSpecificity(t, best) > 0) best = t;
  }
  return best?.path;
}

/** > 0 when `a` is more specific: more literal segments, then the earlier literal segment. */
function compareSpecificity(a: Template, b: Template): number {
  if (a.literalCount !== b.literalCount) return a.literalCount - b.literalCount;
  for (let i = 0; i < a.segments.length; i++) {
    const al = !isParam(a.segments[i] ?? "");
    const bl = !isParam(b.segments[i] ?? "");
    if (al !== bl) return al ? 1 : -1;
  }
  return 0;
}

export function findOperation(method: string, url: string): MatchedOperation | undefined {
  const template = matchTemplate(url);
  if (template === undefined) return undefined;
  const m = method.toLowerCase();
  if (!(HTTP_METHODS as readonly string[]).includes(m)) return undefined;
  const operation = loadSpec().paths[template]?.[m as HttpMethod];
  return operation ? { template, method: m as HttpMethod, operation } : undefined;
}

/* ---------------------------------------------------------------- validation */

function formatError(e: ErrorObject): string {
  const where = e.instancePath === "" ? "(root)" : e.instancePath;
  const params = e.params as Record<string, unknown>;
  let detail = "";
  if (typeof params.additionalProperty === "string") detail = ` (${params.additionalProperty})`;
  else if (Array.isArray(params.allowedValues)) detail = ` (${JSON.stringify(params.allowedValues)})`;
  return `${where} ${e.message ?? e.keyword}${detail}`;
}

function declaredResponse(
  responses: Record<string, ResponseObject>,
  status: number,
): [string, ResponseObject] | undefined {
  for (const key of [String(status), `${String(status)[0] ?? ""}XX`, "default"]) {
    const found = responses[key] ?? responses[key.toLowerCase()];
    if (found) return [key in responses ? key : key.toLowerCase(), found];
  }
  return undefined;
}

/**
 * Problems with a response, as human-readable strings (empty when it matches the contract).
 * `url` may be a path or a full URL; the query string is ignored.
 */
export function validateResponse(method: string, url: string, status: number, bodyText: string): string[] {
  const label = `${method.toUpperCase()} ${pathOf(url)} -> ${status}`;
  const match = findOperation(method, url);
  if (!match) {
    const template = matchTemplate(url);
    return [
      template === undefined
        ? `no operation for ${label}: the path matches no template in the spec`
        : `no operation for ${label}: ${template} declares no ${method.toUpperCase()} operation`,
    ];
  }

  const responses = match.operation.responses ?? {};
  const declared = declaredResponse(responses, status);
  if (!declared) {
    return [
      `${label}: status ${status} is not declared for ${match.method.toUpperCase()} ${match.template} ` +
        `(declared: ${Object.keys(responses).join(", ") || "none"})`,
    ];
  }
  const [statusKey, response] = declared;

  // A HEAD response never carries a body, whatever the GET counterpart declares.
  const content = match.method === "head" ? {} : (response.content ?? {});
  const mediaTypes = Object.keys(content);
  if (mediaTypes.length === 0) {
    return bodyText.length === 0
      ? []
      : [`${label}: the spec declares no body, got ${JSON.stringify(bodyText.slice(0, 200))}`];
  }

  const mediaType = mediaTypes.find((t) => t === "application/json" || /\+json$/.test(t));
  if (mediaType === undefined || !content[mediaType]?.schema) return [];

  if (bodyText.length === 0) return [`${label}: expected a JSON body (${mediaType}), got an empty body`];
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch (err) {
    return [`${label}: body is not JSON (${(err as Error).message}): ${JSON.stringify(bodyText.slice(0, 200))}`];
  }

  const validate = responseValidator(match, statusKey, mediaType);
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${label}: ${formatError(e)}`);
}

/** Throws an Error listing every problem when the response does not match the contract. */
export function assertMatchesSpec(method: string, url: string, status: number, bodyText: string): void {
  const problems = validateResponse(method, url, status, bodyText);
  if (problems.length > 0) {
    throw new Error(`response does not match the OpenAPI spec:\n  - ${problems.join("\n  - ")}`);
  }
}

/** Every (method, template, status) the spec declares: handy for coverage checks. */
export function declaredResponses(): { method: HttpMethod; template: string; status: string; hasJsonBody: boolean }[] {
  const out: { method: HttpMethod; template: string; status: string; hasJsonBody: boolean }[] = [];
  for (const [template, item] of Object.entries(loadSpec().paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      for (const [status, res] of Object.entries(op.responses ?? {})) {
        out.push({ method, template, status, hasJsonBody: Boolean(res.content?.["application/json"]?.schema) });
      }
    }
  }
  return out;
}

/** Compiles the validator for one declared JSON response (throws when the schema cannot be compiled). */
export function compileResponseSchema(method: string, template: string, status: string): ValidateFunction {
  const m = method.toLowerCase() as HttpMethod;
  const operation = loadSpec().paths[template]?.[m];
  if (!operation) throw new Error(`no operation ${method} ${template}`);
  return responseValidator({ template, method: m, operation }, status, "application/json");
}
