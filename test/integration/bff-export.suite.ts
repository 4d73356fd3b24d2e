import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { csvField, csvRow } from "@/app/api/portal/messages/export/csv";
import { GET as exportMessages } from "@/app/api/portal/messages/export/route";
import { EXPORT_MAX_ROWS } from "@/lib/portal-api/schemas/messages";
import { GET as listMessages } from "@/app/api/portal/messages/route";
import type { MessageSummary, Page } from "@/lib/delivery-api/types-messages";
import { startPortal, type TestPortal } from "../support/portal";
import { eventually, startReceiver } from "../support/receiver";

type Receiver = Awaited<ReturnType<typeof startReceiver>>;
type JsonExport = { data: MessageSummary[]; truncated: boolean };

/** RFC 4180, written apart from the code under test: quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  if (field !== "" || row.length) throw new Error(`unterminated last row: ${JSON.stringify([...row, field])}`);
  return rows;
}

/**
 * The log export against real deliveries: streamed page by page, bounded, correct CSV and JSON.
 * Run with the embedded core here and an external one by bff-export.external.test.ts (this file holds the suite; bff-export.test.ts runs it embedded).
 */
export function exportSuite(opts: { external?: boolean } = {}) {
  let p: TestPortal;
  let ok: Receiver;
  let bad: Receiver;
  let app: string;
  let big: string;
  let epBad: string;
  let token: string;
  let bigToken: string;
  /** Just over one core page (250), so exports span two. */
  const BIG = 260;
  const CAP = 255;

  const get = (query: string, t = token) => p.call(exportMessages, { path: `/api/portal/messages/export?${query}`, token: t });

  /** The core's own answer, through the org's SDK client: what an export must contain. */
  async function truth(appId: string, filter: { eventTypes?: string[]; channel?: string } = {}) {
    const out: { id: string; eventId: string; eventType: string; timestamp: string; channels: string }[] = [];
    let iterator: string | null = null;
    for (;;) {
      const page = await p.svix.message.list(appId, { limit: 250, iterator, ...filter });
      for (const x of page.data) {
        out.push({ id: x.id, eventId: x.eventId ?? "", eventType: x.eventType, timestamp: x.timestamp.toISOString(), channels: (x.channels ?? []).join(",") });
      }
      if (page.done) return out;
      iterator = page.iterator;
    }
  }

  beforeAll(async () => {
    p = await startPortal(opts);
    ok = await startReceiver();
    bad = await startReceiver(() => ({ status: 503 }));
    app = (await p.svix.application.create({ name: "Acme" })).id;
    big = (await p.svix.application.create({ name: "Big" })).id;
    await p.svix.endpoint.create(app, { url: ok.url });
    epBad = (await p.svix.endpoint.create(app, { url: bad.url })).id;
    const sent: [string, string | null, string[] | null][] = [
      ["invoice.paid", "-danger", ["eu", "b2b"]],
      ["invoice.paid", "evt.2", ["us"]],
      ["user.created", null, null],
      ["invoice.failed", "evt_4", ["eu"]],
    ];
    for (const [eventType, eventId, channels] of sent) {
      await p.svix.message.create(app, { eventType, eventId, channels, payload: { ok: true } });
    }
    for (let i = 0; i < BIG; i += 52) {
      await Promise.all(
        Array.from({ length: Math.min(52, BIG - i) }, (_, j) => p.svix.message.create(big, { eventType: "bulk.item", eventId: `bulk-${i + j}`, payload: { n: i + j } })),
      );
    }
    await ok.waitFor(sent.length);
    await eventually(
      () => p.svix.messageAttempt.listAttemptedMessages(app, epBad, { status: 2 }),
      (r) => r.data.length === sent.length,
    );
    token = (await p.session(app, { readOnly: true })).accessToken;
    bigToken = (await p.session(big, { readOnly: true })).accessToken;
  });
  afterAll(async () => {
    await ok?.close();
    await bad?.close();
    await p?.close();
  });

  describe("csv", () => {
    test("parses back to exactly the application's log, quoted and with formulas neutralised", async () => {
      const res = await get("format=csv");
      expect(res.status).toBe(200);
      const text = await res.text();
      const [head, ...rows] = parseCsv(text);
      expect(head).toEqual(["id", "eventId", "eventType", "timestamp", "channels"]);
      const expected = (await truth(app)).map((r) => [r.id, r.eventId === "-danger" ? "'-danger" : r.eventId, r.eventType, r.timestamp, r.channels]);
      expect(rows).toEqual(expected);
      // The channel list holds a comma, so that field is quoted; the eventId starting with "-" is prefixed.
      expect(text).toContain(`,'-danger,invoice.paid,`);
      expect(text).toContain(`,"eu,b2b"\r\n`);
      expect(text.endsWith("\r\n")).toBe(true);
    });

    test("filters like the list, with a status column when filtered by endpoint", async () => {
      const res = await get(`format=csv&endpoint=${epBad}&status=fail&eventTypes=invoice.paid,invoice.failed&channel=eu`);
      expect(res.status).toBe(200);
      const [head, ...rows] = parseCsv(await res.text());
      expect(head).toEqual(["id", "eventId", "eventType", "timestamp", "channels", "status"]);
      const expected = await truth(app, { eventTypes: ["invoice.paid", "invoice.failed"], channel: "eu" });
      expect(expected).toHaveLength(2);
      expect(rows.map((r) => r[0])).toEqual(expected.map((r) => r.id));
      expect(rows.every((r) => r[5] === "fail")).toBe(true);
      const none = parseCsv(await (await get(`format=csv&endpoint=${epBad}&status=success`)).text());
      expect(none).toEqual([["id", "eventId", "eventType", "timestamp", "channels", "status"]]);
    });

    test("fields with commas, quotes and line breaks round-trip; formula starts become text", () => {
      const values = ['a,b', 'say "hi"', "two\nlines", "cr\r\nlf", "=SUM(A1:A2)", "+1", "-2", "@cmd", "\tTAB", "plain", ""];
      const [row] = parseCsv(csvRow(values));
      expect(row).toEqual(['a,b', 'say "hi"', "two\nlines", "cr\r\nlf", "'=SUM(A1:A2)", "'+1", "'-2", "'@cmd", "'\tTAB", "plain", ""]);
      expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
      expect(csvField("msg_2abc")).toBe("msg_2abc");
    });

    test("is a download that is never cached", async () => {
      const before = new Date().toISOString().slice(0, 10);
      const res = await get("format=csv");
      const after = new Date().toISOString().slice(0, 10);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect([before, after].map((d) => `attachment; filename="messages-${app}-${d}.csv"`)).toContain(res.headers.get("content-disposition"));
      const json = await get("format=json");
      expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(json.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="messages-${app}-\\d{4}-\\d{2}-\\d{2}\\.json"$`));
      expect(json.headers.get("cache-control")).toBe("no-store");
    });
  });

  describe("json", () => {
    test("holds the same rows as the list route for the same filters", async () => {
      for (const query of ["channel=eu", `endpoint=${epBad}&status=fail`, "eventTypes=user.created", "q=evt.2", "q=nothing-here"]) {
        const res = await get(`format=json&${query}`);
        expect(res.status, query).toBe(200);
        const body = (await res.json()) as JsonExport;
        const listed = (await (await p.call(listMessages, { path: `/api/portal/messages?limit=250&${query}`, token })).json()) as Page<MessageSummary>;
        expect(body, query).toEqual({ data: listed.data, truncated: false });
      }
      const everything = (await (await get("format=json")).json()) as JsonExport;
      expect(everything.data.map((r) => r.id)).toEqual((await truth(app)).map((r) => r.id));
    });
  });

  describe("bounds and streaming", () => {
    test(`past its cap (module constant ${EXPORT_MAX_ROWS}, lowered per request with max) an export says it was cut short`, async () => {
      expect(EXPORT_MAX_ROWS).toBe(10_000);
      const all = await truth(big);
      expect(all).toHaveLength(BIG);

      const csv = parseCsv(await (await get(`format=csv&max=${CAP}`, bigToken)).text());
      expect(csv).toHaveLength(1 + CAP + 1);
      expect(csv.slice(1, -1).map((r) => r[0])).toEqual(all.slice(0, CAP).map((r) => r.id));
      expect(csv.at(-1)).toEqual([`# truncated: this export stops at ${CAP} rows; narrow the filters to see the rest`]);

      const json = (await (await get(`format=json&max=${CAP}`, bigToken)).json()) as JsonExport;
      expect(json.truncated).toBe(true);
      expect(json.data.map((r) => r.id)).toEqual(all.slice(0, CAP).map((r) => r.id));

      // Exactly as many rows as the cap: nothing was left out.
      const exact = (await (await get(`format=json&max=${BIG}`, bigToken)).json()) as JsonExport;
      expect(exact.truncated).toBe(false);
      expect(exact.data).toHaveLength(BIG);
      const exactCsv = parseCsv(await (await get(`format=csv&max=${BIG}`, bigToken)).text());
      expect(exactCsv).toHaveLength(1 + BIG);
    });

    test("rows are written page by page as the core answers", async () => {
      const res = await get("format=csv", bigToken);
      expect(res.body).toBeInstanceOf(ReadableStream);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      const chunks: string[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(decoder.decode(value));
      }
      // Header, then one chunk per core page.
      expect(chunks[0]).toBe("id,eventId,eventType,timestamp,channels\r\n");
      expect(chunks.slice(1).map((c) => c.split("\r\n").length - 1)).toEqual([250, BIG - 250]);
      expect(parseCsv(chunks.join("")).slice(1).map((r) => r[0])).toEqual((await truth(big)).map((r) => r.id));
    });

    test("another application's endpoint is not found; its ids find nothing", async () => {
      expect((await get(`format=csv&endpoint=${epBad}`, bigToken)).status).toBe(404);
      const none = (await (await get(`format=json&q=evt.2`, bigToken)).json()) as JsonExport;
      expect(none).toEqual({ data: [], truncated: false });
    });
  });
}

