/**
 * Bad input on the portal's own routes (BFF, admin, app-portal-access): a 422 in the portal's
 * shape (Svix's on app-portal-access), never a 500 or 502, and nothing changed by the refused call.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as getAppBranding, PUT as putAppBranding } from "@/app/api/admin/apps/[appId]/branding/route";
import { GET as getAppOrigins } from "@/app/api/admin/apps/[appId]/embed-origins/route";
import { PUT as putOrgBranding } from "@/app/api/admin/branding/route";
import { PATCH as patchEndpoint } from "@/app/api/portal/endpoints/[id]/route";
import { GET as countRecoverable, POST as recover } from "@/app/api/portal/endpoints/[id]/recover/route";
import { POST as replayMissing } from "@/app/api/portal/endpoints/[id]/replay-missing/route";
import { POST as createEndpoint } from "@/app/api/portal/endpoints/route";
import { GET as listMessages } from "@/app/api/portal/messages/route";
import { POST as mint } from "@/app/api/v1/auth/app-portal-access/[appId]/route";
import type { AdminHandler } from "../support/admin-routes";
import { ORG_TOKEN } from "../support/core-server";
import { startPortal, type TestPortal } from "../support/portal";

type ErrorBody = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };
type Item = { loc: string[]; msg: string; type: string };

let p: TestPortal;
let appId: string;
let endpointId: string;
let token: string;

const LONE = "\ud800";
const UNSTORABLE = ["a\u0000b", `a${LONE}b`];

/** A 422 `{error:{code:"invalid",issues}}` whose issues name `path`. */
async function expectInvalid(res: Response, path: string): Promise<void> {
  const text = await res.text();
  expect(res.status, text).toBe(422);
  const body = JSON.parse(text) as ErrorBody;
  expect(body.error.code, text).toBe("invalid");
  expect(body.error.issues?.map((i) => i.path), text).toContain(path);
}

const admin = (handler: AdminHandler, init: { method?: string; params?: Record<string, string>; body?: unknown } = {}) =>
  p.call(handler, { method: init.method ?? "GET", path: "/api/admin/test", params: (init.params ?? {}) as never, token: ORG_TOKEN, body: init.body });

const access = (body: unknown) =>
  p.call(mint, { method: "POST", path: `/api/v1/auth/app-portal-access/${appId}`, params: { appId }, token: ORG_TOKEN, body });

const json = async <T>(res: Response): Promise<T> => {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as T;
};

beforeAll(async () => {
  p = await startPortal();
  appId = (await p.svix.application.create({ name: "Bad portal input", uid: "bad-portal-input", metadata: { k: "v" } })).id;
  endpointId = (await p.svix.endpoint.create(appId, { url: "https://example.com/hook", metadata: { k: "v" } })).id;
  token = (await p.session(appId, { allowedOrigins: ["https://before.example"] })).accessToken;
});
afterAll(() => p.close());

describe("app-portal-access", () => {
  test("unstorable text in branding or the application is a 422 in Svix's shape and leaves the origins as they were", async () => {
    const origins = await json(await admin(getAppOrigins, { params: { appId } }));
    const app = await p.svix.application.get(appId);
    const cases: [unknown, string[]][] = UNSTORABLE.flatMap((bad) => [
      [{ branding: { name: bad } }, ["body", "branding", "name"]],
      [{ application: { name: bad, uid: "bad-portal-input" } }, ["body", "application", "name"]],
      [{ application: { name: "n", uid: "bad-portal-input", metadata: { k: bad } } }, ["body", "application", "metadata", "k"]],
    ]);
    for (const [body, loc] of cases) {
      const res = await access({ ...(body as object), allowedOrigins: ["https://after.example"] });
      const text = await res.text();
      expect(res.status, text).toBe(422);
      const detail = (JSON.parse(text) as { detail: Item[] }).detail;
      expect(detail.map((i) => JSON.stringify(i.loc)), text).toContain(JSON.stringify(loc));
    }
    expect(await json(await admin(getAppOrigins, { params: { appId } }))).toEqual(origins);
    expect(await p.svix.application.get(appId)).toEqual(app);
  });

  test("an application uid made only of dots is refused", async () => {
    for (const uid of [".", ".."]) {
      const res = await p.call(mint, { method: "POST", path: `/api/v1/auth/app-portal-access/${uid}`, params: { appId: uid }, token: ORG_TOKEN, body: { application: { name: "n", uid } } });
      expect(res.status, await res.text()).toBe(422);
    }
  });
});

describe("admin branding", () => {
  test("unstorable text in the branding name is a 422 and changes nothing", async () => {
    const before = await json(await admin(getAppBranding, { params: { appId } }));
    for (const bad of UNSTORABLE) {
      await expectInvalid(await admin(putAppBranding, { method: "PUT", params: { appId }, body: { name: bad } }), "name");
      await expectInvalid(await admin(putOrgBranding, { method: "PUT", body: { name: bad } }), "name");
    }
    expect(await json(await admin(getAppBranding, { params: { appId } }))).toEqual(before);
  });
});

describe("admin application in the path", () => {
  test("an app named by dots (%2E, which Next.js decodes to '.') is a 404 and changes nothing, never the application list", async () => {
    const { POST: revoke } = await import("@/app/api/admin/apps/[appId]/sessions/revoke/route");
    const { DELETE: removeMember } = await import("@/app/api/admin/apps/[appId]/members/[email]/route");
    for (const dots of [".", ".."]) {
      for (const res of [
        await admin(getAppBranding, { params: { appId: dots } }),
        await admin(revoke, { method: "POST", params: { appId: dots }, body: {} }),
        await admin(removeMember, { method: "DELETE", params: { appId: dots, email: "someone@example.com" } }),
      ]) {
        const text = await res.text();
        expect(res.status, text).toBe(404);
        expect((JSON.parse(text) as ErrorBody).error.code).toBe("not_found");
      }
    }
    expect((await p.call((await import("@/app/api/portal/session/route")).GET, { token })).status).toBe(200);
  });
});

describe("BFF", () => {
  test("endpoint metadata with unstorable text is a 422 and changes nothing", async () => {
    const before = await p.svix.endpoint.get(appId, endpointId);
    const endpoints = await p.svix.endpoint.list(appId);
    for (const bad of UNSTORABLE) {
      await expectInvalid(await p.call(createEndpoint, { method: "POST", token, body: { url: "https://example.com/x", metadata: { k: bad } } }), "metadata.k");
      await expectInvalid(
        await p.call(patchEndpoint, { method: "PATCH", token, params: { id: endpointId }, body: { metadata: { [bad]: "v" } } }),
        `metadata.${bad}`,
      );
    }
    expect(await p.svix.endpoint.get(appId, endpointId)).toEqual(before);
    expect((await p.svix.endpoint.list(appId)).data.length).toBe(endpoints.data.length);
  });

  test("recover, replay-missing and the recover count refuse a since or until that is not a date", async () => {
    const until = new Date().toISOString();
    for (const window of [{ since: "yesterday" }, { since: until, until: "tomorrow" }, { since: "0000-01-01T00:00:00Z", until }]) {
      const field = window.since === until ? "until" : "since";
      await expectInvalid(await p.call(recover, { method: "POST", token, params: { id: endpointId }, body: window }), field);
      await expectInvalid(await p.call(replayMissing, { method: "POST", token, params: { id: endpointId }, body: window }), field);
      const query = new URLSearchParams(window as Record<string, string>);
      await expectInvalid(await p.call(countRecoverable, { path: `/api/portal/endpoints/${endpointId}/recover?${query}`, token, params: { id: endpointId } }), field);
    }
  });

  test("names made only of dots are refused as endpoint uids and as message filters", async () => {
    const count = (await p.svix.endpoint.list(appId)).data.length;
    for (const dots of [".", ".."]) {
      await expectInvalid(await p.call(createEndpoint, { method: "POST", token, body: { url: "https://example.com/x", uid: dots } }), "uid");
      await expectInvalid(await p.call(createEndpoint, { method: "POST", token, body: { url: "https://example.com/x", filterTypes: [dots] } }), "filterTypes.0");
      for (const key of ["q", "endpoint", "channel"]) {
        await expectInvalid(await p.call(listMessages, { path: `/api/portal/messages?${key}=${dots}`, token }), key);
      }
    }
    expect((await p.svix.endpoint.list(appId)).data.length).toBe(count);
  });
});
