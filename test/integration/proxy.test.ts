import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PUT as putAppOrigins } from "@/app/api/admin/apps/[appId]/embed-origins/route";
import { PUT as putOrgOrigins } from "@/app/api/admin/embed-origins/route";
import { frameAncestorsFor } from "@/lib/branding/effective";
import { config, proxy } from "@/proxy";
import type { AdminHandler } from "../support/admin-routes";
import { ORG_TOKEN } from "../support/core-server";
import { PORTAL_URL, startPortal, type TestPortal } from "../support/portal";

describe("frameAncestorsFor", () => {
  test("no origins: the portal may frame itself (the demo host page), nobody else", () => {
    expect(frameAncestorsFor([])).toBe("'self'");
  });

  test("exact origins, normalised and deduplicated, 'self' not added", () => {
    expect(frameAncestorsFor(["https://dash.acme.example"])).toBe("https://dash.acme.example");
    expect(frameAncestorsFor(["https://Dash.Acme.example/", "https://dash.acme.example", "http://localhost:5173"])).toBe(
      "https://dash.acme.example http://localhost:5173",
    );
  });

  test("entries that are not origins are dropped; a list with none left fails closed", () => {
    expect(frameAncestorsFor(["https://ok.example", "*", "javascript:alert(1)", "http://plain.example"])).toBe("https://ok.example");
    expect(frameAncestorsFor(["https://a.example; script-src *"])).toBe("'none'");
    expect(frameAncestorsFor(["'self'"])).toBe("'none'");
  });
});

describe("proxy", () => {
  let p: TestPortal;
  let appId: string;
  let other: string;

  const headersFor = async (path: string, init?: { headers?: Record<string, string> }) => (await proxy(new NextRequest(PORTAL_URL + path, init))).headers;
  /** The policy's framing directive, as it was sent alone before the pages got a script policy. */
  const frameAncestors = (h: Headers) => /(?:^|; )(frame-ancestors [^;]*)/.exec(h.get("content-security-policy") ?? "")?.[1] ?? null;
  const setOrigins = async (handler: AdminHandler, params: Record<string, string>, origins: string[] | null) => {
    const res = await p.call(handler, { method: "PUT", params: params as never, token: ORG_TOKEN, body: { origins } });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    p = await startPortal();
    appId = (await p.svix.application.create({ name: "Framed", uid: "framed" })).id;
    other = (await p.svix.application.create({ name: "Other", uid: "other" })).id;
  });
  afterAll(() => p.close());

  test("/embed/{app_id} before any origins: 'self', no Referer, not cached, no X-Frame-Options", async () => {
    const h = await headersFor(`/embed/${appId}`);
    expect(frameAncestors(h)).toBe("frame-ancestors 'self'");
    expect(h.get("referrer-policy")).toBe("no-referrer");
    expect(h.get("cache-control")).toBe("no-store");
    expect(h.get("x-frame-options")).toBeNull();
  });

  test("origins written through the admin API apply at once, below /embed/{app_id} too", async () => {
    expect(frameAncestors(await headersFor(`/embed/${appId}`))).toBe("frame-ancestors 'self'");
    await setOrigins(putAppOrigins, { appId }, ["https://dash.acme.example", "http://localhost:5173"]);
    const expected = "frame-ancestors https://dash.acme.example http://localhost:5173";
    expect(frameAncestors(await headersFor(`/embed/${appId}`))).toBe(expected);
    expect(frameAncestors(await headersFor(`/embed/${appId}/endpoints/ep_1?tab=attempts`))).toBe(expected);
    // Another app is not affected.
    expect(frameAncestors(await headersFor(`/embed/${other}`))).toBe("frame-ancestors 'self'");
  });

  test("the org default applies to apps without their own list, then the env default", async () => {
    await setOrigins(putOrgOrigins, {}, ["https://org.example"]);
    expect(frameAncestors(await headersFor(`/embed/${other}`))).toBe("frame-ancestors https://org.example");
    expect(frameAncestors(await headersFor(`/embed/${appId}`))).toBe("frame-ancestors https://dash.acme.example http://localhost:5173");
    await setOrigins(putOrgOrigins, {}, null);
    p.rt.embedAllowedOrigins = ["https://env.example"];
    try {
      const fresh = (await p.svix.application.create({ name: "Fresh" })).id;
      expect(frameAncestors(await headersFor(`/embed/${fresh}`))).toBe("frame-ancestors https://env.example");
    } finally {
      p.rt.embedAllowedOrigins = [];
    }
  });

  test("every other page may not be framed at all", async () => {
    // /portal was the magic-link users' second tree; they use /embed/{app_id} now (ADR 3).
    for (const path of ["/", "/login", "/confirm?token=x", "/apps", "/portal", "/api/portal/session", "/embedded", "/endpoints"]) {
      const h = await headersFor(path);
      expect(frameAncestors(h), path).toBe("frame-ancestors 'none'");
      expect(h.get("x-frame-options"), path).toBe("DENY");
    }
  });

  test("every page gets a script policy with a nonce of its own, passed on to Next.js in place of any the client sent", async () => {
    const nonces = new Set<string>();
    for (const path of [`/embed/${appId}`, "/login", "/"]) {
      const h = await headersFor(path, { headers: { "content-security-policy": "script-src 'nonce-chosen-by-client'" } });
      const policy = h.get("content-security-policy") ?? "";
      const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]{24})'(;|$)/.exec(policy)?.[1];
      expect(nonce, policy).toBeDefined();
      nonces.add(nonce!);
      for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "style-src 'self' 'unsafe-inline'", "connect-src 'self'"]) {
        expect(policy.split("; "), path).toContain(directive);
      }
      // What Next.js reads while rendering: the request's copy of the same header.
      expect(h.get("x-middleware-request-content-security-policy"), path).toBe(policy);
    }
    expect(nonces.size).toBe(3);
  });

  test("/embed paths that do not name an app by id are not frameable", async () => {
    for (const path of ["/embed", "/embed/", "/embed/framed", `/embed/${appId}x!`]) {
      expect(frameAncestors(await headersFor(path)), path).toBe("frame-ancestors 'none'");
    }
  });

  // Next compiles the matcher with path-to-regexp; the source is a plain regex group, so this is
  // the same test (the production build was checked with curl as well).
  test("the matcher leaves out static assets and the core's API only", () => {
    const [source] = config.matcher;
    const matches = (path: string) => new RegExp(`^${source}$`).test(path);
    for (const path of ["/_next/static/chunks/a.js", "/_next/image", "/favicon.ico", "/api/v1/app/x/msg"]) expect(matches(path), path).toBe(false);
    for (const path of ["/", `/embed/${appId}`, "/api/portal/session", "/api/admin/branding", "/api/auth/signin", "/login"]) {
      expect(matches(path), path).toBe(true);
    }
  });
});
