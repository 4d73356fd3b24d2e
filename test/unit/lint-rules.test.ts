import { readFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, test } from "vitest";

/**
 * The layering rules in eslint.config.mjs, run through ESLint's Node API on small sources placed
 * (in memory) where they would break the layering, and again where they are allowed: each rule
 * must report the first and stay quiet on the second.
 */
const root = path.resolve(import.meta.dirname, "../..");
const LAYERING = new Set(["no-restricted-imports", "no-restricted-syntax", "porthole/no-import-cycle"]);

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The layering rules that report `code` as if it were the file at `file`. */
async function layering(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal, "fixture must parse").toEqual([]);
  return result!.messages.filter((m) => m.ruleId !== null && LAYERING.has(m.ruleId)).map((m) => m.ruleId!);
}

const PORTAL_FILE = "app/api/portal/lint-fixture/route.ts";
const LIB_FILE = "lib/http/lint-fixture.ts";
const DELIVERY_API_FILE = "lib/delivery-api/lint-fixture.ts";
const CORE_ROUTE_FILE = "app/api/v1/lint-fixture/route.ts";

describe("the core stays out of the portal", () => {
  test.each([
    ["a relative path", `import { createCore } from "../../../../lib/core";\nexport const x = createCore;\n`],
    ["a relative path to a core module", `import { newId } from "../../../../lib/core/ids";\nexport const x = newId;\n`],
    ["the alias", `import { newId } from "@/lib/core/ids";\nexport const x = newId;\n`],
    ["a type-only import", `import type { Core } from "@/lib/core";\nexport type X = Core;\n`],
    ["a re-export", `export { newId } from "../../../../lib/core/ids";\n`],
    ["import()", `export const load = async () => (await import("@/lib/core")).createCore;\n`],
    ["import() with a relative path", `export const load = async () => (await import("../../../../lib/core/ids")).newId;\n`],
    ["an import type", `export type X = import("@/lib/core").Core;\n`],
  ])("%s from app/ is reported", async (_name, code) => {
    expect(await layering(PORTAL_FILE, code)).not.toEqual([]);
  });

  test("the core's own route may import it", async () => {
    expect(await layering(CORE_ROUTE_FILE, `import { createCore } from "@/lib/core";\nexport const x = createCore;\n`)).toEqual([]);
  });
});

describe("only lib/delivery-api imports svix", () => {
  const sources = [
    ["the package", `import { Svix } from "svix";\nexport const x = Svix;\n`],
    ["a sub-path", `import { Svix } from "svix/dist/api/index.js";\nexport const x = Svix;\n`],
    ["a type-only sub-path import", `import type { EndpointOut } from "svix/dist/models/endpointOut";\nexport type X = EndpointOut;\n`],
    ["import()", `export const load = async () => (await import("svix")).Svix;\n`],
    ["import() of a sub-path", "export const load = async () => (await import(`svix/dist/api`)).Svix;\n"],
    ["require", `declare const require: (id: string) => unknown;\nexport const x = require("svix");\n`],
  ] as const;

  test.each(sources)("%s elsewhere in lib/ is reported", async (_name, code) => {
    expect(await layering(LIB_FILE, code)).not.toEqual([]);
  });

  test.each(sources)("%s from app/ is reported", async (_name, code) => {
    expect(await layering(PORTAL_FILE, code)).not.toEqual([]);
  });

  test.each(sources)("%s in lib/delivery-api is allowed", async (_name, code) => {
    expect(await layering(DELIVERY_API_FILE, code)).toEqual([]);
  });
});

describe("no import cycles, type-only imports included", () => {
  const errorsFile = "lib/core/api/errors.ts";
  const errors = readFileSync(path.join(root, errorsFile), "utf8");

  test("the file as it is has none", async () => {
    expect(await layering(errorsFile, errors)).toEqual([]);
  });

  test("a type-only import back from the router's dependency closes one", async () => {
    // router.ts imports errors.ts; errors.ts importing a type from router.ts is a circle.
    const code = `${errors}\nimport type { RequestContext } from "./router";\nexport type Ctx = RequestContext;\n`;
    expect(await layering(errorsFile, code)).toEqual(["porthole/no-import-cycle"]);
  });

  test("so does a longer chain through import()", async () => {
    // errors.ts ← http.ts ← idempotency.ts (lib/core) — an import() of idempotency closes the circle.
    const code = `${errors}\nexport const later = () => import("../idempotency");\n`;
    expect(await layering(errorsFile, code)).toEqual(["porthole/no-import-cycle"]);
  });
});
