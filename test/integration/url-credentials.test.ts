/**
 * Endpoint URLs with credentials (`https://user:pass@host/…`): the sender sends them as Basic
 * auth, as Svix does; sessions without ViewEndpointSecret see them masked in every endpoint view,
 * attempt and destination; an edit that sends the masked URL back keeps them; none is logged.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as messageAttempts } from "@/app/api/portal/messages/[id]/attempts/route";
import { GET as getMessage } from "@/app/api/portal/messages/[id]/route";
import { GET as endpointAttempts } from "@/app/api/portal/endpoints/[id]/attempts/route";
import { GET as getEndpoint, PATCH as patchEndpoint } from "@/app/api/portal/endpoints/[id]/route";
import { POST as createEndpoint, GET as listEndpoints } from "@/app/api/portal/endpoints/route";
import { captureLog } from "@/lib/log";
import { startPortal, type TestPortal } from "../support/portal";
import { eventually, startReceiver } from "../support/receiver";

// A space in the user name, an "@" and a ":" in the password: all percent-encoded in the URL.
const USER = "hook user";
const PASSWORD = "p@ss:word";
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`;

describe.each([{ external: false }, { external: true }])("external core: $external", ({ external }) => {
  let p: TestPortal;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  let appId: string;
  let full: string;
  let viewer: string;
  let manager: string;
  let url: string;
  const logged: string[] = [];
  let restoreLog: () => void;

  beforeAll(async () => {
    restoreLog = captureLog({ write: (line) => logged.push(line) }, "trace");
    p = await startPortal({ external });
    rx = await startReceiver();
    url = `${rx.url.replace("://", `://${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}@`)}/hook?x=1`;
    appId = (await p.svix.application.create({ name: "Credentials" })).id;
    await p.svix.eventType.create({ name: "invoice.paid", description: "Paid" });
    full = (await p.session(appId)).accessToken;
    viewer = (await p.session(appId, { readOnly: true })).accessToken;
    manager = (await p.session(appId, { capabilities: ["ViewBase", "ManageEndpoint"] })).accessToken;
  });
  afterAll(async () => {
    restoreLog?.();
    await p?.close();
    await rx?.close();
  });

  const json = async <T,>(res: Response): Promise<T> => {
    const text = await res.text();
    expect(res.status, text).toBeLessThan(300);
    return JSON.parse(text) as T;
  };

  let endpointId: string;
  let messageId: string;

  test("the credentials are sent as Basic auth to a real receiver", async () => {
    const created = await json<{ id: string; url: string }>(
      await p.call(createEndpoint, { method: "POST", token: full, body: { url, filterTypes: ["invoice.paid"] } }),
    );
    endpointId = created.id;
    expect(created.url).toBe(new URL(url).toString());
    messageId = (await p.svix.message.create(appId, { eventType: "invoice.paid", payload: { id: "in_1" } })).id;
    await rx.waitFor(1, 20_000);
    expect(rx.received[0]!.headers.authorization).toBe(BASIC);
    await eventually(
      () => p.svix.messageAttempt.listByEndpoint(appId, endpointId),
      (page) => page.data.length === 1,
      20_000,
    );
  });

  test("without ViewEndpointSecret every view masks them; with it they are shown", async () => {
    const masked = `${rx.url.replace("://", "://****:****@")}/hook?x=1`;
    const views = async (token: string) => {
      const at = { token, params: { id: endpointId } };
      const endpoint = await json<{ url: string }>(await p.call(getEndpoint, at));
      const list = await json<{ data: { id: string; url: string }[] }>(await p.call(listEndpoints, { token }));
      const attempts = await json<{ data: { url: string }[] }>(await p.call(endpointAttempts, at));
      const byMessage = await json<{ data: { url: string }[] }>(await p.call(messageAttempts, { token, params: { id: messageId } }));
      const message = await json<{ destinations: { url: string }[] }>(await p.call(getMessage, { token, params: { id: messageId } }));
      return [endpoint.url, ...list.data.map((e) => e.url), ...attempts.data.map((a) => a.url), ...byMessage.data.map((a) => a.url), ...message.destinations.map((d) => d.url)];
    };
    for (const token of [viewer, manager]) {
      const urls = await views(token);
      expect(urls).toHaveLength(5);
      for (const u of urls) expect(u).toBe(masked);
    }
    const shown = await views(full);
    expect(shown).toHaveLength(5);
    for (const u of shown) expect([decodeURIComponent(new URL(u).username), decodeURIComponent(new URL(u).password)]).toEqual([USER, PASSWORD]);
  });

  test("an edit that sends the masked URL back keeps the credentials; a new URL replaces them", async () => {
    const masked = (await json<{ url: string }>(await p.call(getEndpoint, { token: manager, params: { id: endpointId } }))).url;
    const patched = await json<{ url: string; description: string }>(
      await p.call(patchEndpoint, { method: "PATCH", token: manager, params: { id: endpointId }, body: { url: masked, description: "Billing" } }),
    );
    expect(patched).toMatchObject({ url: masked, description: "Billing" });
    expect((await p.svix.endpoint.get(appId, endpointId)).url).toBe(new URL(url).toString());

    const plain = `${rx.url}/hook`;
    await json(await p.call(patchEndpoint, { method: "PATCH", token: manager, params: { id: endpointId }, body: { url: plain } }));
    expect((await p.svix.endpoint.get(appId, endpointId)).url).toBe(plain);
  });

  test("the password never reaches the log", () => {
    const text = logged.join("\n");
    expect(logged.length).toBeGreaterThan(0);
    for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), BASIC.slice(6)]) expect(text).not.toContain(secret);
  });
});
