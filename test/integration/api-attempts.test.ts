import { MessageAttemptTriggerType, MessageStatus, StatusCodeClass, Svix, type EndpointOut, type MessageOut } from "svix";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startCore, type TestCore } from "../support/core-server";
import { eventually, startReceiver } from "../support/receiver";
import { apiError } from "./api-support";

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

let t: TestCore;
let ok: Receiver;
let bad: Receiver;
let appId: string;
let epOk: EndpointOut;
let epBad: EndpointOut;
let msg: MessageOut;

const attemptsOf = (list: { data: { id: string }[] }) => list.data.map((a) => a.id);

beforeAll(async () => {
  // One retry, a minute out: a failed destination then stays "sending" for the whole file.
  t = await startCore({ retryScheduleMs: [60_000] });
  ok = await startReceiver(() => ({ status: 200, body: "ok body" }));
  bad = await startReceiver(() => ({ status: 500, body: "boom" }));
  appId = (await t.svix.application.create({ name: "Attempts" })).id;
  epOk = await t.svix.endpoint.create(appId, { url: ok.url, uid: "ok" });
  epBad = await t.svix.endpoint.create(appId, { url: bad.url, uid: "bad" });
  msg = await t.svix.message.create(appId, { eventType: "order.created", payload: { n: 1 }, eventId: "order-1" });
  await eventually(
    () => t.svix.messageAttempt.listByMsg(appId, msg.id),
    (list) => list.data.length === 2,
  );
});
afterAll(async () => {
  await t.close();
  await ok.close();
  await bad.close();
});

describe("listing attempts", () => {
  test("by endpoint: one successful scheduled attempt, content only on request", async () => {
    const list = await t.svix.messageAttempt.listByEndpoint(appId, epOk.id, { withContent: false });
    expect(list.data).toHaveLength(1);
    const [attempt] = list.data;
    expect(attempt).toMatchObject({
      msgId: msg.id,
      endpointId: epOk.id,
      url: ok.url,
      status: MessageStatus.Success,
      statusText: "success",
      responseStatusCode: 200,
      triggerType: MessageAttemptTriggerType.Scheduled,
      response: "{}",
    });
    expect(attempt!.id).toMatch(/^atmpt_[0-9A-Za-z]{27}$/);
    const withContent = await t.svix.messageAttempt.listByEndpoint(appId, "ok", { withContent: true });
    expect(withContent.data[0]!.response).toBe("ok body");
  });

  test("by message, with the endpointId filter (id or uid)", async () => {
    const all = await t.svix.messageAttempt.listByMsg(appId, "order-1");
    expect(new Set(all.data.map((a) => a.endpointId))).toEqual(new Set([epOk.id, epBad.id]));
    const onlyBad = await t.svix.messageAttempt.listByMsg(appId, msg.id, { endpointId: "bad", withContent: true });
    expect(onlyBad.data.map((a) => [a.endpointId, a.responseStatusCode, a.response, a.statusText])).toEqual([
      [epBad.id, 500, "boom", "fail"],
    ]);
  });

  test("status and status code class filters", async () => {
    const failed = await t.svix.messageAttempt.listByMsg(appId, msg.id, { status: MessageStatus.Fail });
    expect(failed.data.map((a) => a.endpointId)).toEqual([epBad.id]);
    const succeeded = await t.svix.messageAttempt.listByMsg(appId, msg.id, { status: MessageStatus.Success });
    expect(succeeded.data.map((a) => a.endpointId)).toEqual([epOk.id]);

    const fiveHundreds = await t.svix.messageAttempt.listByMsg(appId, msg.id, { statusCodeClass: StatusCodeClass.Code5xx });
    expect(fiveHundreds.data.map((a) => a.responseStatusCode)).toEqual([500]);
    const twoHundreds = await t.svix.messageAttempt.listByEndpoint(appId, epOk.id, { statusCodeClass: StatusCodeClass.Code2xx });
    expect(twoHundreds.data).toHaveLength(1);
    expect((await t.svix.messageAttempt.listByEndpoint(appId, epOk.id, { statusCodeClass: StatusCodeClass.Code4xx })).data).toEqual([]);
  });

  test("get one attempt, always with its response", async () => {
    const [listed] = (await t.svix.messageAttempt.listByEndpoint(appId, epBad.id)).data;
    const got = await t.svix.messageAttempt.get(appId, msg.id, listed!.id);
    expect(got).toMatchObject({ id: listed!.id, response: "boom", responseStatusCode: 500, status: MessageStatus.Fail });
    expect((await apiError(t.svix.messageAttempt.get(appId, msg.id, "atmpt_2ZZZZZZZZZZZZZZZZZZZZZZZZZZ"))).code).toBe(404);
  });
});

describe("attempted messages and destinations", () => {
  test("attempted messages carry the destination's latest state", async () => {
    const delivered = await t.svix.messageAttempt.listAttemptedMessages(appId, epOk.id, { withContent: true });
    expect(delivered.data.map((m) => [m.id, m.status, m.statusText, m.nextAttempt ?? null, m.payload])).toEqual([
      [msg.id, MessageStatus.Success, "success", null, { n: 1 }],
    ]);

    const retrying = await t.svix.messageAttempt.listAttemptedMessages(appId, epBad.id, { withContent: false });
    const [pending] = retrying.data;
    expect([pending?.status, pending?.statusText, pending?.payload]).toEqual([MessageStatus.Sending, "sending", {}]);
    // The retry is about a minute out (with jitter).
    expect(pending!.nextAttempt!.getTime()).toBeGreaterThan(Date.now() + 30_000);

    expect((await t.svix.messageAttempt.listAttemptedMessages(appId, epOk.id, { status: MessageStatus.Fail })).data).toEqual([]);
    const sending = await t.svix.messageAttempt.listAttemptedMessages(appId, epBad.id, { status: MessageStatus.Sending });
    expect(sending.data.map((m) => m.id)).toEqual([msg.id]);
  });

  test("attempted destinations, in endpoint id order", async () => {
    const list = await t.svix.messageAttempt.listAttemptedDestinations(appId, msg.id);
    const expected = [epOk, epBad].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(list.data.map((d) => [d.id, d.url, d.statusText])).toEqual(
      expected.map((e) => [e.id, e.url, e.id === epOk.id ? "success" : "sending"]),
    );
    const firstOnly = await t.svix.messageAttempt.listAttemptedDestinations(appId, msg.id, { limit: 1 });
    expect(firstOnly.done).toBe(false);
    const second = await t.svix.messageAttempt.listAttemptedDestinations(appId, msg.id, { limit: 1, iterator: firstOnly.iterator });
    expect(second.data.map((d) => d.id)).toEqual([expected[1]!.id]);
  });
});

describe("resend and expunge", () => {
  test("resend answers 202 and delivers a manual attempt", async () => {
    const res = await t.request(`/api/v1/app/${appId}/msg/${msg.id}/endpoint/${epOk.id}/resend`, { method: "POST" });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({});
    await ok.waitFor(2);
    expect(ok.received[1]!.headers["webhook-id"]).toBe(msg.id);

    const attempts = await eventually(
      () => t.svix.messageAttempt.listByEndpoint(appId, epOk.id),
      (list) => list.data.length === 2,
    );
    // Newest first: the manual one leads.
    expect(attempts.data.map((a) => a.triggerType)).toEqual([MessageAttemptTriggerType.Manual, MessageAttemptTriggerType.Scheduled]);
    const page = await t.svix.messageAttempt.listByEndpoint(appId, epOk.id, { limit: 1, iterator: attempts.data[0]!.id });
    expect(attemptsOf(page)).toEqual([attempts.data[1]!.id]);
  });

  test("a failed resend to an endpoint with nothing else queued leaves it failed", async () => {
    const late = await t.svix.endpoint.create(appId, { url: bad.url, uid: "late" });
    const before = bad.received.length;
    await t.svix.messageAttempt.resend(appId, msg.id, late.id);
    await bad.waitFor(before + 1);
    const state = await eventually(
      () => t.svix.messageAttempt.listAttemptedMessages(appId, late.id),
      (list) => list.data[0]?.statusText === "fail",
      5_000,
    );
    expect([state.data[0]!.status, state.data[0]!.nextAttempt ?? null]).toEqual([MessageStatus.Fail, null]);
    const [attempt] = (await t.svix.messageAttempt.listByEndpoint(appId, late.id)).data;
    expect(attempt!.triggerType).toBe(MessageAttemptTriggerType.Manual);
  });

  test("expunging an attempt's content leaves EXPUNGED; only the org token may", async () => {
    const [attempt] = (await t.svix.messageAttempt.listByMsg(appId, msg.id, { endpointId: epBad.id })).data;
    const app = new Svix(await t.core.mintAppToken(appId), { serverUrl: t.url });
    expect((await apiError(app.messageAttempt.expungeContent(appId, msg.id, attempt!.id))).code).toBe(403);
    expect((await t.svix.messageAttempt.get(appId, msg.id, attempt!.id)).response).toBe("boom");

    await t.svix.messageAttempt.expungeContent(appId, msg.id, attempt!.id);
    expect((await t.svix.messageAttempt.get(appId, msg.id, attempt!.id)).response).toBe("EXPUNGED");
    const listed = await t.svix.messageAttempt.listByMsg(appId, msg.id, { endpointId: epBad.id, withContent: true });
    expect(listed.data.find((a) => a.id === attempt!.id)?.response).toBe("EXPUNGED");
  });

  test("resend of an unknown endpoint or message is a 404", async () => {
    expect((await apiError(t.svix.messageAttempt.resend(appId, msg.id, "no-such-ep"))).code).toBe(404);
    expect((await apiError(t.svix.messageAttempt.resend(appId, "no-such-msg", epOk.id))).code).toBe(404);
  });
});

test("every response matched the contract", () => {
  expect(t.violations).toEqual([]);
});
