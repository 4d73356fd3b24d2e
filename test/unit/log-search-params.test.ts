import { describe, expect, test } from "vitest";
import {
  EMPTY_VIEW,
  filtersOf,
  pageQueryOf,
  parseLogView,
  serializeLogView,
  withFilters,
  type LogView,
} from "@/app/embed/[appId]/(portal)/messages/search-params";

const parse = (qs: string) => parseLogView(new URLSearchParams(qs));

describe("the delivery log's URL", () => {
  test("every filter round-trips, defaults are left out", () => {
    const views: LogView[] = [
      EMPTY_VIEW,
      { ...EMPTY_VIEW, status: ["fail", "retrying"], eventTypes: ["invoice.paid", "user.created"], channel: "eu", range: "24h", q: "evt_1", limit: 250 },
      { ...EMPTY_VIEW, endpoint: "ep_1", status: ["sending"], after: "2026-11-30T10:00:00.000Z", before: "2026-12-01T10:00:00.000Z" },
      { ...EMPTY_VIEW, cursor: "msg_abc", dir: "newer", limit: 100 },
    ];
    for (const view of views) expect(parse(serializeLogView(view))).toEqual(view);
    expect(serializeLogView(EMPTY_VIEW)).toBe("");
    expect(serializeLogView({ ...EMPTY_VIEW, status: ["fail"], eventTypes: ["a.b"] })).toBe("status=fail&types=a.b");
  });

  test("malformed values are dropped, not sent", () => {
    expect(parse("status=fail,bogus&types=ok.type,bad%20name&limit=7&range=2y&after=soon&q=a%2Fb&dir=newer")).toEqual({
      ...EMPTY_VIEW,
      status: ["fail"],
      eventTypes: ["ok.type"],
    });
    // With an endpoint, the status is one state there.
    expect(parse("endpoint=ep_1&status=retrying,fail,success").status).toEqual(["fail"]);
    // A preset wins over a custom range.
    expect(parse("range=7d&after=2026-11-30T10:00:00Z")).toMatchObject({ range: "7d", after: null });
  });

  test("a filter change starts at the first page and drops a status the endpoint cannot have", () => {
    const paged: LogView = { ...EMPTY_VIEW, status: ["retrying", "fail"], cursor: "msg_x", dir: "newer" };
    expect(withFilters(paged, { endpoint: "ep_1" })).toEqual({ ...EMPTY_VIEW, endpoint: "ep_1", status: ["fail"] });
  });

  test("the BFF query: a preset's start to the minute, the page's iterator by direction", () => {
    const now = Date.parse("2026-12-01T12:34:56.789Z");
    expect(filtersOf({ ...EMPTY_VIEW, range: "1h", eventTypes: ["a"] }, now)).toEqual({ eventTypes: ["a"], after: "2026-12-01T11:34:00.000Z" });
    expect(pageQueryOf({ ...EMPTY_VIEW, cursor: "msg_x", dir: "newer" }, now)).toEqual({ limit: 50, iterator: "-msg_x" });
    expect(pageQueryOf({ ...EMPTY_VIEW, cursor: "msg_x" }, now)).toEqual({ limit: 50, iterator: "msg_x" });
  });
});
