import { describe, expect, test } from "vitest";
import { groupCatalog } from "@/app/embed/[appId]/(portal)/event-types/catalog-groups";
import { schemaRows } from "@/app/embed/[appId]/(portal)/event-types/schema-rows";
import { catalogSearch, parseCatalogParams } from "@/app/embed/[appId]/(portal)/event-types/search-params";
import type { CatalogEventType } from "@/lib/delivery-api/types-event-types";

const type = (name: string, description = "", deprecated = false): CatalogEventType => ({ name, description, deprecated, schema: null, examples: [], featureFlag: null });

describe("schemaRows", () => {
  test("one row per property, nested objects and arrays of objects indented under their parent", () => {
    const rows = schemaRows({
      type: "object",
      required: ["id", "lines"],
      properties: {
        id: { type: "string", description: "The invoice's id." },
        status: { type: "string", enum: ["draft", "paid"] },
        customer: { type: "object", required: ["email"], properties: { email: { type: "string", format: "email" }, name: { type: ["string", "null"] } } },
        lines: { type: "array", items: { type: "object", properties: { amount: { type: "integer" } } } },
        tags: { type: "array", items: { type: "string", enum: ["a", "b"] } },
      },
    });
    expect(rows.map((r) => [r.path, r.depth, r.type, r.required])).toEqual([
      ["id", 0, "string", true],
      ["status", 0, "string", false],
      ["customer", 0, "object", false],
      ["customer.email", 1, "string", true],
      ["customer.name", 1, "string | null", false],
      ["lines", 0, "array of object", true],
      ["lines[].amount", 1, "integer", false],
      ["tags", 0, "array of string", false],
    ]);
    expect(rows.find((r) => r.path === "status")?.enumValues).toEqual(["draft", "paid"]);
    expect(rows.find((r) => r.path === "tags")?.enumValues).toEqual(["a", "b"]);
    expect(rows.find((r) => r.path === "customer.email")?.format).toBe("email");
    expect(rows[0]?.description).toBe("The invoice's id.");
  });

  test("refs, consts and alternatives read as words; no schema or no properties gives no rows", () => {
    const rows = schemaRows({
      properties: { a: { $ref: "#/definitions/Money" }, b: { const: "v1" }, c: { oneOf: [{ type: "string" }, { type: "number" }] }, d: {} },
    });
    expect(rows.map((r) => r.type)).toEqual(["Money", "const v1", "one of: string, number", "any"]);
    expect(schemaRows(null)).toEqual([]);
    expect(schemaRows({ type: "string" })).toEqual([]);
  });

  test("a schema nested deeper than the table shows stops instead of running away", () => {
    let deep: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 50; i++) deep = { type: "object", properties: { next: deep } };
    expect(schemaRows(deep).length).toBe(8);
  });
});

describe("groupCatalog", () => {
  const types = [type("invoice.paid", "An invoice was paid"), type("customer.created"), type("invoice.payment_failed", "A payment failed"), type("ping")];

  test("groups by the part before the first dot, groups and names in order", () => {
    expect(groupCatalog(types, "").map((g) => [g.prefix, g.types.map((t) => t.name)])).toEqual([
      ["customer", ["customer.created"]],
      ["invoice", ["invoice.paid", "invoice.payment_failed"]],
      ["ping", ["ping"]],
    ]);
  });

  test("search matches every word in the name or description, any case", () => {
    expect(groupCatalog(types, "PAID").flatMap((g) => g.types.map((t) => t.name))).toEqual(["invoice.paid"]);
    expect(groupCatalog(types, "invoice failed").flatMap((g) => g.types.map((t) => t.name))).toEqual(["invoice.payment_failed"]);
    expect(groupCatalog(types, "nothing")).toEqual([]);
  });
});

describe("catalog search params", () => {
  test("round-trip, defaults left out of the URL", () => {
    const p = parseCatalogParams(new URLSearchParams("type=invoice.paid&q=inv&view=raw"));
    expect(p).toEqual({ type: "invoice.paid", q: "inv", view: "raw" });
    expect(catalogSearch(p)).toBe("?type=invoice.paid&q=inv&view=raw");
    expect(catalogSearch(parseCatalogParams(new URLSearchParams("view=bogus&type=")))).toBe("");
  });
});
