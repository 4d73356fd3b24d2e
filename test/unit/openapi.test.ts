import { describe, expect, it } from "vitest";
import {
  assertMatchesSpec,
  compileResponseSchema,
  declaredResponses,
  findOperation,
  matchTemplate,
  validateResponse,
} from "@/test/support/openapi";

const APP_ID = "app_2XkvTQ3mJ4Cq6YzbWm0T7dLfEhA";
const EP_ID = "ep_2XkvTR0uZb8n2QfHcLr5VwMxYpK";
const APP_URL = `/api/v1/app/${APP_ID}`;

const application = {
  id: APP_ID,
  uid: "my-app",
  name: "My app",
  metadata: { team: "billing" },
  throttleRate: null,
  createdAt: "2024-05-01T12:00:00.000Z",
  updatedAt: "2024-05-01T12:00:00.000Z",
};

const endpoint = {
  id: EP_ID,
  description: "",
  url: "https://example.com/webhooks",
  version: 1,
  metadata: {},
  uid: null,
  disabled: false,
  rateLimit: null,
  throttleRate: null,
  eventTypes: null,
  channels: null,
  createdAt: "2024-05-01T12:00:00+00:00",
  updatedAt: "2024-05-01T12:00:00+00:00",
};

const body = (value: unknown) => JSON.stringify(value);

describe("validateResponse: bodies", () => {
  it("accepts a correct ApplicationOut", () => {
    expect(validateResponse("GET", APP_URL, 200, body(application))).toEqual([]);
    expect(() => assertMatchesSpec("GET", APP_URL, 200, body(application))).not.toThrow();
  });

  it("rejects an ApplicationOut without name", () => {
    const { name: _name, ...rest } = application;
    const problems = validateResponse("GET", APP_URL, 200, body(rest));
    expect(problems.join("\n")).toMatch(/must have required property 'name'/);
    expect(() => assertMatchesSpec("GET", APP_URL, 200, body(rest))).toThrow(/name/);
  });

  it("rejects a wrongly typed or formatted createdAt", () => {
    expect(validateResponse("GET", APP_URL, 200, body({ ...application, createdAt: 1714564800 })).join("\n")).toMatch(
      /\/createdAt must be string/,
    );
    expect(validateResponse("GET", APP_URL, 200, body({ ...application, createdAt: "yesterday" })).join("\n")).toMatch(
      /\/createdAt must match format "date-time"/,
    );
  });

  it("checks the HttpErrorOut shape of a 404", () => {
    expect(validateResponse("GET", APP_URL, 404, body({ code: "not_found", detail: "Entity not found" }))).toEqual([]);
    const problems = validateResponse("GET", APP_URL, 404, body({ error: "x" }));
    expect(problems.join("\n")).toMatch(/required property 'code'/);
    expect(problems.join("\n")).toMatch(/required property 'detail'/);
  });

  it("accepts a 422 HTTPValidationError and rejects a numeric loc entry", () => {
    const ok = { detail: [{ loc: ["body", "url"], msg: "bad", type: "value_error" }] };
    expect(validateResponse("POST", `${APP_URL}/endpoint`, 422, body(ok))).toEqual([]);
    const numericLoc = { detail: [{ loc: ["body", "eventTypes", 0], msg: "bad", type: "value_error" }] };
    expect(validateResponse("POST", `${APP_URL}/endpoint`, 422, body(numericLoc)).join("\n")).toMatch(
      /\/detail\/0\/loc\/2 must be string/,
    );
  });

  it("honours nullable in a ListResponse of EndpointOut", () => {
    const page = { data: [endpoint], iterator: null, prevIterator: null, done: true };
    expect(validateResponse("GET", `${APP_URL}/endpoint?limit=10`, 200, body(page))).toEqual([]);
    expect(
      validateResponse("GET", `${APP_URL}/endpoint`, 200, body({ ...page, iterator: 42 })).join("\n"),
    ).toMatch(/\/iterator must be string,null/);
    expect(validateResponse("GET", `${APP_URL}/endpoint`, 200, body({ ...page, done: null })).join("\n")).toMatch(
      /\/done must be boolean/,
    );
  });

  it("checks integer formats and enums", () => {
    expect(validateResponse("GET", APP_URL, 200, body({ ...application, throttleRate: 70_000 })).join("\n")).toMatch(
      /throttleRate must match format "uint16"/,
    );
    const stats = { success: 1, pending: 0, sending: 0, fail: 2, canceled: 0 };
    expect(validateResponse("GET", `${APP_URL}/endpoint/${EP_ID}/stats`, 200, body(stats))).toEqual([]);
    expect(
      validateResponse("GET", `${APP_URL}/endpoint/${EP_ID}/stats`, 200, body({ ...stats, fail: 1.5 })).join("\n"),
    ).toMatch(/\/fail must be integer/);
    const recover = { id: "qtask_1", status: "running", task: "endpoint.recover", updatedAt: "2024-05-01T12:00:00Z" };
    expect(validateResponse("POST", `${APP_URL}/endpoint/${EP_ID}/recover`, 202, body(recover))).toEqual([]);
    expect(
      validateResponse("POST", `${APP_URL}/endpoint/${EP_ID}/recover`, 202, body({ ...recover, status: "done" })).join(
        "\n",
      ),
    ).toMatch(/\/status must be equal to one of the allowed values/);
  });

  it("rejects a body that is not JSON or is missing", () => {
    expect(validateResponse("GET", APP_URL, 200, "<html>")[0]).toMatch(/not JSON/);
    expect(validateResponse("GET", APP_URL, 200, "")[0]).toMatch(/empty body/);
  });
});

describe("validateResponse: statuses without content", () => {
  it("requires an empty body for a 204", () => {
    expect(validateResponse("DELETE", APP_URL, 204, "")).toEqual([]);
    expect(validateResponse("DELETE", APP_URL, 204, "{}")[0]).toMatch(/declares no body/);
  });

  it("follows the spec for health and logout (204, no body)", () => {
    expect(validateResponse("GET", "/api/v1/health", 204, "")).toEqual([]);
    expect(validateResponse("GET", "/api/v1/health", 200, body({}))[0]).toMatch(/status 200 is not declared/);
    expect(validateResponse("POST", "/api/v1/auth/logout", 204, "")).toEqual([]);
  });

  it("rejects statuses the operation does not declare", () => {
    const problems = validateResponse("POST", `${APP_URL}/endpoint`, 200, body(endpoint));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/status 200 is not declared.*declared: 201, 401/);
    expect(validateResponse("GET", APP_URL, 400, body({ code: "bad", detail: "bad" }))[0]).toMatch(/not declared/);
  });

  it("expects no body for HEAD", () => {
    expect(validateResponse("HEAD", "/api/v1/health/ping", 204, "")).toEqual([]);
    expect(validateResponse("HEAD", "/api/v1/health", 401, "")).toEqual([]);
  });
});

describe("path matching", () => {
  it("reports unknown paths and methods", () => {
    expect(validateResponse("GET", "/api/v1/nope", 200, "{}")[0]).toMatch(/^no operation .*matches no template/);
    expect(validateResponse("GET", "/api/v2/app", 200, "{}")[0]).toMatch(/^no operation/);
    expect(validateResponse("POST", APP_URL, 200, body(application))[0]).toMatch(/^no operation .*declares no POST/);
  });

  it("matches the endpoint-secret path to its own template", () => {
    const url = `${APP_URL}/endpoint/${EP_ID}/secret`;
    expect(matchTemplate(url)).toBe("/api/v1/app/{app_id}/endpoint/{endpoint_id}/secret");
    expect(matchTemplate(`${APP_URL}/endpoint/${EP_ID}`)).toBe("/api/v1/app/{app_id}/endpoint/{endpoint_id}");
    const secret = { key: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" };
    expect(validateResponse("GET", url, 200, body(secret))).toEqual([]);
    // An EndpointOut is not an EndpointSecretOut.
    expect(validateResponse("GET", url, 200, body(endpoint)).join("\n")).toMatch(/required property 'key'/);
    expect(validateResponse("GET", url, 200, body({ key: "short" })).join("\n")).toMatch(/\/key must match pattern/);
  });

  it("ignores the query string and accepts full URLs", () => {
    expect(findOperation("get", `http://localhost:3000${APP_URL}?x=1#frag`)?.template).toBe("/api/v1/app/{app_id}");
    expect(matchTemplate("/api/v1/health/ping?x=1")).toBe("/api/v1/health/ping");
    expect(matchTemplate("/api/v1/app//endpoint")).toBeUndefined();
  });

  it("prefers literal segments over parameters", () => {
    expect(matchTemplate("/api/v1/event-type/user.signup")).toBe("/api/v1/event-type/{event_type_name}");
    expect(matchTemplate(`${APP_URL}/attempt/endpoint/${EP_ID}`)).toBe(
      "/api/v1/app/{app_id}/attempt/endpoint/{endpoint_id}",
    );
  });
});

describe("spec coverage", () => {
  it("compiles every declared JSON response schema", () => {
    const json = declaredResponses().filter((r) => r.hasJsonBody);
    expect(json.length).toBeGreaterThan(100);
    for (const r of json) expect(() => compileResponseSchema(r.method, r.template, r.status)).not.toThrow();
  });
});
