import { ApiException } from "svix";
import { afterAll, beforeAll, expect, test } from "vitest";
import { GET as getLimits, PUT as putLimits } from "@/app/api/admin/apps/[appId]/limits/route";
import { POST as cancelBulk } from "@/app/api/portal/endpoints/[id]/bulk/cancel/route";
import { POST as replayMissing } from "@/app/api/portal/endpoints/[id]/replay-missing/route";
import { POST as createEndpoint } from "@/app/api/portal/endpoints/route";
import type { AdminHandler } from "../support/admin-routes";
import { ORG_TOKEN } from "../support/core-server";
import { startPortal, type TestPortal } from "../support/portal";
import { startReceiver } from "../support/receiver";

type Limits = { maxEndpoints: number | null; maxBulkTasks: number | null };
type LimitsView = { stored: Limits; effective: { maxEndpoints: number; maxBulkTasks: number }; bulkQueued: number };
type ErrorBody = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };

let p: TestPortal;
let rx: Awaited<ReturnType<typeof startReceiver>>;
let appId: string;
let token: string;

const admin = (handler: AdminHandler, method = "GET", body?: unknown) =>
  p.call(handler, { method, path: `/api/admin/apps/${appId}/limits`, params: { appId } as never, token: ORG_TOKEN, body });
const portal = (handler: (req: Request, ctx: { params: Promise<never> }) => Promise<Response>, params: Record<string, string>, body?: unknown) =>
  p.call(handler, { method: "POST", params: params as never, token, body });
const limits = async () => (await (await admin(getLimits)).json()) as LimitsView;

beforeAll(async () => {
  p = await startPortal();
  // Holds every request: the replayed deliveries stay queued or in flight while the test looks at them.
  rx = await startReceiver(() => ({ status: 200, delayMs: 600_000 }));
  appId = (await p.svix.application.create({ name: "Limited" })).id;
  token = (await p.session(appId, { capabilities: ["ViewBase", "ManageEndpoint", "CreateAttempts"] })).accessToken;
});
afterAll(async () => {
  await rx.close();
  await p.close();
});

test("limits default to the environment's, and a PUT is validated before anything is stored", async () => {
  expect(await limits()).toEqual({ stored: { maxEndpoints: null, maxBulkTasks: null }, effective: { maxEndpoints: 50, maxBulkTasks: 10_000 }, bulkQueued: 0 });
  for (const [body, field] of [
    [{ maxEndpoints: 0 }, "maxEndpoints"],
    [{ maxBulkTasks: 1.5 }, "maxBulkTasks"],
    [{ maxEndpoints: "10" }, "maxEndpoints"],
    [{ maxEndpoints: 2, other: 1 }, ""],
  ] as const) {
    const res = await admin(putLimits, "PUT", body);
    expect(res.status).toBe(422);
    const out = (await res.json()) as ErrorBody;
    expect(out.error.code).toBe("invalid");
    expect(out.error.issues?.map((i) => i.path)).toContain(field);
  }
  expect((await limits()).stored).toEqual({ maxEndpoints: null, maxBulkTasks: null });
});

test("one endpoint past the application's limit is refused with a 422 that says so, through the API and the portal", async () => {
  const res = await admin(putLimits, "PUT", { maxEndpoints: 2, maxBulkTasks: 15 });
  expect(res.status).toBe(200);
  expect(((await res.json()) as LimitsView).effective).toEqual({ maxEndpoints: 2, maxBulkTasks: 15 });

  await p.svix.endpoint.create(appId, { url: rx.url });
  const created = await portal(createEndpoint, {}, { url: `${rx.url}/second` });
  expect(created.status).toBe(201);

  const refused = await p.svix.endpoint.create(appId, { url: `${rx.url}/third` }).catch((err: unknown) => err);
  expect(refused).toBeInstanceOf(ApiException);
  expect((refused as ApiException<unknown>).code).toBe(422);
  expect((refused as ApiException<{ detail: { type: string; msg: string }[] }>).body.detail[0]).toMatchObject({
    type: "value_error.endpoint_limit",
    msg: expect.stringContaining("at most 2") as string,
  });
  const viaPortal = await portal(createEndpoint, {}, { url: `${rx.url}/third` });
  expect(viaPortal.status).toBe(422);
  expect(((await viaPortal.json()) as ErrorBody).error.issues?.[0]?.message).toMatch(/already has 2 endpoints/);
  expect((await p.svix.endpoint.list(appId)).data).toHaveLength(2);
});

test("a replay past the bulk limit queues nothing; within it, it queues all, and cancelling drops what no worker holds", async () => {
  const since = new Date(Date.now() - 60_000).toISOString();
  // Twenty messages the two endpoints filter out; widening one endpoint's filter makes them missing there.
  const [first] = (await p.svix.endpoint.list(appId)).data;
  await p.svix.endpoint.update(appId, first!.id, { url: first!.url, filterTypes: ["invoice.paid"] });
  for (let n = 0; n < 20; n++) await p.svix.message.create(appId, { eventType: "user.created", payload: { n } });
  await p.svix.endpoint.update(appId, first!.id, { url: first!.url, filterTypes: null });

  const tooMany = await portal(replayMissing, { id: first!.id }, { since });
  expect(tooMany.status).toBe(422);
  expect(((await tooMany.json()) as ErrorBody).error.issues?.[0]?.message).toMatch(/queue 20 deliveries.*at most 15/);
  expect((await limits()).bulkQueued).toBe(0);

  expect((await admin(putLimits, "PUT", { maxEndpoints: 2 })).status).toBe(200);
  expect((await limits()).effective.maxBulkTasks).toBe(10_000);
  expect((await portal(replayMissing, { id: first!.id }, { since })).status).toBe(202);
  expect((await limits()).bulkQueued).toBe(20);
  await rx.waitFor(1);

  const res = await portal(cancelBulk, { id: first!.id });
  expect(res.status).toBe(200);
  const out = (await res.json()) as { cancelled: number; stillQueued: number };
  // Sixteen slots: bulk work may fill four and hold as many again.
  expect(out.stillQueued).toBeGreaterThanOrEqual(1);
  expect(out.stillQueued).toBeLessThanOrEqual(8);
  expect(out.cancelled).toBe(20 - out.stillQueued);
  expect((await limits()).bulkQueued).toBe(out.stillQueued);
  // Nothing left to cancel.
  expect(await (await portal(cancelBulk, { id: first!.id })).json()).toEqual({ cancelled: 0, stillQueued: out.stillQueued });
});
