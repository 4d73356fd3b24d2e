import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { endpoints } from "@/lib/db/schema";
import { captureLog } from "@/lib/log";
import { startCore, type TestCore } from "../support/core-server";
import { eventually, startReceiver } from "../support/receiver";

// The JSON lines the logger writes, from info up.
const written: string[] = [];
let restoreLog: () => void;

let t: TestCore;
const receivers: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  restoreLog = captureLog({ write: (line) => written.push(line) }, "info");
  t = await startCore();
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await t.close();
  restoreLog();
});

type Line = Record<string, unknown> & { level: number; msg: string };
const WARN = 40;
const INFO = 30;

/** What was logged under `msg` about one endpoint, oldest first. */
function lines(msg: string, endpointId: string): Line[] {
  return written.map((l) => JSON.parse(l) as Line).filter((l) => l.msg === msg && l.endpointId === endpointId);
}

test("each failed attempt logs app, endpoint, message, attempt and status code, never the payload, answer, headers or secret", async () => {
  const rx = await startReceiver(() => ({ status: 500, body: "receiver-body-marker" }));
  receivers.push(rx);
  const app = await t.svix.application.create({ name: "Logged failures" });
  const ep = await t.svix.endpoint.create(app.id, { url: rx.url });
  await t.svix.endpoint.updateHeaders(app.id, ep.id, { headers: { "X-Api-Key": "header-marker" } });
  const { key: secret } = await t.svix.endpoint.getSecret(app.id, ep.id);
  const msg = await t.svix.message.create(app.id, { eventType: "user.created", payload: { note: "payload-marker" } });

  // Retry schedule 100, 200, 400 ms: four attempts, the last with no retry left.
  const logged = await eventually(
    async () => lines("delivery failed", ep.id),
    (l) => l.length >= 4,
  );
  // A failure with a retry to come is routine (info); the last one is worth a look (warn).
  expect(logged.map((l) => [l.attempt, l.statusCode, l.nextAttemptInMs === null, l.level])).toEqual([
    [1, 500, false, INFO],
    [2, 500, false, INFO],
    [3, 500, false, INFO],
    [4, 500, true, WARN],
  ]);
  for (const line of logged) {
    expect(line).toMatchObject({ appId: app.id, endpointId: ep.id, msgId: msg.id, trigger: "scheduled" });
    expect(line).not.toHaveProperty("error");
  }

  const everything = written.join("\n");
  for (const secretThing of ["payload-marker", "receiver-body-marker", "header-marker", secret, secret.replace(/^whsec_/, "")]) {
    expect(everything).not.toContain(secretThing);
  }
});

test("an attempt that gets no answer logs what went wrong instead of a status code", async () => {
  const gone = await startReceiver();
  await gone.close();
  const app = await t.svix.application.create({ name: "Logged refusals" });
  const ep = await t.svix.endpoint.create(app.id, { url: gone.url });
  const msg = await t.svix.message.create(app.id, { eventType: "user.created", payload: { n: 1 } });

  const [first] = await eventually(
    async () => lines("delivery failed", ep.id),
    (l) => l.length >= 1,
  );
  expect(first).toMatchObject({ appId: app.id, endpointId: ep.id, msgId: msg.id, attempt: 1 });
  expect(first!.error).toMatch(/ECONNREFUSED/);
  expect(first).not.toHaveProperty("statusCode");
});

test("an endpoint disabled for failing too long is logged once, with app, endpoint and message", async () => {
  const rx = await startReceiver(() => ({ status: 503 }));
  receivers.push(rx);
  const app = await t.svix.application.create({ name: "Logged auto-disable" });
  const ep = await t.svix.endpoint.create(app.id, { url: rx.url });
  await t.database.db
    .update(endpoints)
    .set({ firstFailureAt: new Date(Date.now() - 6 * 86_400_000) })
    .where(eq(endpoints.id, ep.id));
  // Two messages exhaust their retries side by side: the first to finish disables the endpoint, the
  // other finds it disabled already (or is skipped), so one line says it.
  const sent = [
    await t.svix.message.create(app.id, { eventType: "user.created", payload: { n: 1 } }),
    await t.svix.message.create(app.id, { eventType: "user.created", payload: { n: 2 } }),
  ];
  await eventually(
    () => t.svix.endpoint.get(app.id, ep.id),
    (e) => e.disabled === true,
  );
  // Both destinations settle as failed: no task is left to log anything later.
  for (const msg of sent) {
    await eventually(
      () => t.svix.messageAttempt.listAttemptedDestinations(app.id, msg.id),
      (page) => page.data.every((d) => d.status === 2),
    );
  }

  const disabled = lines("endpoint disabled: its retries kept failing", ep.id);
  expect(disabled).toHaveLength(1);
  expect(disabled[0]).toMatchObject({ level: WARN, appId: app.id, endpointId: ep.id });
  expect(sent.map((m) => m.id)).toContain(disabled[0]!.msgId);
});
