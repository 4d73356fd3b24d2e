import { describe, expect, test } from "vitest";
import { patchOf, rowsOf } from "@/app/embed/[appId]/(portal)/endpoints/[endpointId]/settings/header-rows";
import { changedFields, createInput, fieldOfIssue, urlLooksValid, valuesOf } from "@/components/portal/endpoint-values";
import { groupEventTypes } from "@/components/portal/event-type-groups";
import type { Endpoint } from "@/lib/delivery-api/types-endpoints";
import type { CatalogEventType } from "@/lib/delivery-api/types-event-types";

const endpoint: Endpoint = {
  id: "ep_1",
  uid: null,
  url: "https://example.com/hook",
  description: "Billing",
  disabled: false,
  filterTypes: ["invoice.paid", "customer.created"],
  channels: null,
  rateLimit: 10,
  metadata: {},
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
};

describe("endpoint form values", () => {
  test("an untouched form changes nothing, whatever order the events are in", () => {
    const v = valuesOf(endpoint);
    expect(changedFields(endpoint, { ...v, filterTypes: ["customer.created", "invoice.paid"] })).toEqual({});
  });

  test("only what changed is patched; emptied lists and limits clear to null", () => {
    const v = valuesOf(endpoint);
    expect(changedFields(endpoint, { ...v, description: " Payments ", filterTypes: null, rateLimit: "" })).toEqual({
      description: "Payments",
      filterTypes: null,
      rateLimit: null,
    });
    expect(changedFields(endpoint, { ...v, channels: ["eu"] })).toEqual({ channels: ["eu"] });
  });

  test("a new endpoint leaves out what means 'all' or 'none'", () => {
    expect(createInput({ url: " https://a.example/h ", description: "", filterTypes: null, channels: [], rateLimit: "" })).toEqual({ url: "https://a.example/h" });
    expect(createInput({ url: "https://a.example/h", description: "x", filterTypes: ["a.b"], channels: ["c"], rateLimit: "5" })).toEqual({
      url: "https://a.example/h",
      description: "x",
      filterTypes: ["a.b"],
      channels: ["c"],
      rateLimit: 5,
    });
  });

  test("server issues find their field; the rest are the form's", () => {
    expect(fieldOfIssue("url")).toBe("url");
    expect(fieldOfIssue("filterTypes.0")).toBe("filterTypes");
    expect(fieldOfIssue("metadata.x")).toBeNull();
    expect(fieldOfIssue("")).toBeNull();
  });

  test("the browser only checks a URL's shape", () => {
    expect(urlLooksValid("https://example.com")).toBe(true);
    expect(urlLooksValid("http://10.0.0.1/x")).toBe(true);
    expect(urlLooksValid("example.com/x")).toBe(false);
    expect(urlLooksValid("ftp://example.com")).toBe(false);
  });
});

describe("event type groups", () => {
  const type = (name: string, description = ""): CatalogEventType => ({ name, description, deprecated: false, schema: null, examples: [], featureFlag: null });
  const catalog = [type("invoice.paid", "Paid in full"), type("customer.created"), type("invoice.voided"), type("ping")];

  test("grouped by the prefix before the first dot, sorted", () => {
    expect(groupEventTypes(catalog).map((g) => [g.name, g.types.map((t) => t.name)])).toEqual([
      ["customer", ["customer.created"]],
      ["invoice", ["invoice.paid", "invoice.voided"]],
      ["ping", ["ping"]],
    ]);
  });

  test("search matches names and descriptions", () => {
    expect(groupEventTypes(catalog, "FULL").flatMap((g) => g.types.map((t) => t.name))).toEqual(["invoice.paid"]);
    expect(groupEventTypes(catalog, "nothing")).toEqual([]);
  });
});

describe("custom header rows", () => {
  const before = { headers: { "x-tenant": "acme", "x-old": "1" }, sensitive: ["authorization"] };

  test("a sensitive header left alone is not in the patch at all", () => {
    const rows = rowsOf(before).map((r) => (r.name === "x-tenant" ? { ...r, value: "globex" } : r));
    expect(patchOf(before, rows)).toEqual({ headers: { "x-tenant": "globex", "x-old": "1" }, deleteHeaders: [] });
  });

  test("a replaced sensitive value is sent; removed and renamed names are deleted", () => {
    const rows = rowsOf(before)
      .filter((r) => r.name !== "x-old")
      .map((r) => (r.sensitive ? { ...r, replacing: true, value: "Bearer new" } : { ...r, name: "X-Team" }));
    expect(patchOf(before, rows)).toEqual({ headers: { "X-Team": "acme", authorization: "Bearer new" }, deleteHeaders: ["x-tenant", "x-old"] });
  });

  test("a removed sensitive header is deleted by name", () => {
    const rows = rowsOf(before).filter((r) => !r.sensitive);
    expect(patchOf(before, rows).deleteHeaders).toEqual(["authorization"]);
  });
});
