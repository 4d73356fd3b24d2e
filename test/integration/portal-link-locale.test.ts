import { afterAll, beforeAll, expect, test } from "vitest";
import { ORG_TOKEN } from "../support/core-server";
import { startPortal, type TestPortal } from "../support/portal";

let portal: TestPortal;
let appId: string;

beforeAll(async () => {
  portal = await startPortal();
  appId = (await portal.svix.application.create({ name: "Acme" })).id;
});
afterAll(() => portal.close());

async function mint(body: unknown): Promise<Response> {
  const { POST } = await import("@/app/api/v1/auth/app-portal-access/[appId]/route");
  return portal.call(POST, { method: "POST", path: `/api/v1/auth/app-portal-access/${appId}`, params: { appId }, token: ORG_TOKEN, body });
}

test("a link minted with a locale opens the portal in that language (?locale= before the ticket)", async () => {
  const res = await mint({ locale: "de" });
  expect(res.status).toBe(200);
  const url = new URL(((await res.json()) as { url: string }).url);
  expect(url.pathname).toBe(`/embed/${appId}`);
  expect(url.searchParams.get("locale")).toBe("de");
  expect(url.hash).toMatch(/^#ticket=/);

  const plain = new URL(((await (await mint({})).json()) as { url: string }).url);
  expect(plain.search).toBe("");
});

test("a language the portal does not speak is a 422 naming the field, and no link is made", async () => {
  const res = await mint({ locale: "xx" });
  expect(res.status).toBe(422);
  const body = (await res.json()) as { detail: { loc: string[] }[] };
  expect(body.detail.map((d) => d.loc.join("."))).toEqual(["body.locale"]);
});
