import { expect, test } from "vitest";
import { parseEnv } from "@/lib/env";
import { captureLog, log, serializeError, statementHead } from "@/lib/log";

/** Drizzle's wrapper, as drizzle-orm builds it: the statement and its parameters in the message and as fields. */
class DrizzleQueryError extends Error {
  constructor(
    readonly query: string,
    readonly params: unknown[],
    cause: Error,
  ) {
    super(`Failed query: ${query}\nparams: ${params.join(",")}`);
    this.cause = cause;
  }
}

const driverError = (message: string, code: string, extra: Record<string, string> = {}) =>
  Object.assign(new Error(message), { code, detail: "Failing row contains (ep_1, whsec_c2VjcmV0)", ...extra });

test("a wrapped driver error keeps SQLSTATE, constraint and the statement head only", () => {
  const err = new DrizzleQueryError(
    'insert into "endpoints" ("id", "secret", "headers") values ($1, $2, $3)',
    ["ep_1", "whsec_c2VjcmV0", '{"authorization":"Bearer rx"}'],
    driverError('new row for relation "endpoints" violates check constraint "broken"', "23514", { constraint: "broken", table: "endpoints" }),
  );
  expect(serializeError(err)).toEqual({
    type: "Error",
    message: 'new row for relation "endpoints" violates check constraint "broken"',
    code: "23514",
    table: "endpoints",
    constraint: "broken",
    query: "insert into endpoints",
  });
});

test("data exceptions (class 22) lose their message, which quotes the value", () => {
  const err = driverError('invalid input syntax for type integer: "whsec_c2VjcmV0"', "22P02");
  expect(JSON.stringify(serializeError(err))).not.toContain("whsec_");
  expect(serializeError(err)).toMatchObject({ code: "22P02" });
});

test("statement heads name the kind of statement and its table", () => {
  expect(statementHead('update "endpoints" set "headers" = $1 where "endpoints"."id" = $2')).toBe("update endpoints");
  expect(statementHead('select "id", "url" from "endpoints" where "app_id" = $1')).toBe("select from endpoints");
  expect(statementHead('delete from "message_attempts" where "id" = $1')).toBe("delete from message_attempts");
  expect(statementHead("SELECT 1")).toBe("select");
});

test("an error logged bare or under another key never brings its statement or parameters", () => {
  const lines: string[] = [];
  const restore = captureLog({ write: (l) => lines.push(l) });
  const err = new DrizzleQueryError('update "endpoints" set "secret" = $1', ["whsec_c2VjcmV0"], driverError("deadlock detected", "40P01"));
  log.error(err);
  log.error({ err });
  log.warn({ error: err, cause: err }, "something failed");
  restore();
  expect(lines).toHaveLength(3);
  const text = lines.join("");
  expect(text).not.toContain("whsec_");
  expect(text).not.toContain("Failed query");
  expect(text).not.toContain("set");
  expect(JSON.parse(lines[0]!)).toMatchObject({ msg: "deadlock detected", err: { code: "40P01", query: "update endpoints" } });
});

test("a bad LOG_LEVEL or LOG_FORMAT stops start-up with a message naming it", () => {
  expect(() => parseEnv({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
  expect(() => parseEnv({ LOG_FORMAT: "xml" })).toThrow(/LOG_FORMAT/);
  expect(() => parseEnv({ LOG_LEVEL: "Debug", LOG_FORMAT: "json" })).not.toThrow();
});
