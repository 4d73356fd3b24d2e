import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";

/**
 * Porthole's one logger: JSON lines in production (one object per event, easy to ship), pretty
 * text when stdout is a terminal. `LOG_LEVEL` sets the threshold (default "info"; "warn" under
 * the test runner, so suites stay quiet).
 *
 * Never log a token, secret, ticket, cookie or bound SQL parameter: callers pass what they mean to
 * log, and `redact` catches the usual field names if one slips into an object anyway.
 */
const REDACT = [
  "token",
  "secret",
  "ticket",
  "cookie",
  "authorization",
  "password",
  "params",
  "parameters",
  "*.token",
  "*.secret",
  "*.ticket",
  "*.cookie",
  "*.authorization",
  "*.password",
  "*.params",
  "*.parameters",
  "headers.authorization",
  "headers.cookie",
];

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;

type Sink = { write(line: string): unknown };

function defaultSink(): Sink {
  if (process.stdout.isTTY && process.env.NODE_ENV !== "test" && process.env.LOG_FORMAT !== "json") {
    // A synchronous stream, not a transport: no worker thread for bundlers to trace.
    return pretty({ colorize: true, translateTime: "HH:MM:ss.l", ignore: "pid,hostname", singleLine: true, sync: true });
  }
  return pino.destination({ dest: 1, sync: true });
}

function defaultLevel(): string {
  const wanted = process.env.LOG_LEVEL?.trim().toLowerCase();
  // lib/env.ts refuses a bad LOG_LEVEL at start-up; importing the logger must never throw.
  if (wanted && (LOG_LEVELS as readonly string[]).includes(wanted)) return wanted;
  return process.env.NODE_ENV === "test" ? "warn" : "info";
}

type LogGlobal = typeof globalThis & { __portholeLog?: Logger; __portholeLogSink?: Sink };
const g = globalThis as LogGlobal;

function create(): Logger {
  g.__portholeLogSink ??= defaultSink();
  // Lines go through one indirection so a test can read them (`captureLog`).
  const forward: DestinationStream = { write: (line: string) => void g.__portholeLogSink!.write(line) };
  return pino(
    {
      level: defaultLevel(),
      base: undefined,
      redact: { paths: REDACT, censor: "[redacted]" },
      serializers: { err: serializeError },
      formatters: { log: errorsSerialized },
      hooks: { logMethod: safeDefaultMessage },
    },
    forward,
  );
}

/** Without a message pino would use the error's own, which for a driver error holds the statement and its parameters. */
function safeDefaultMessage(this: Logger, args: Parameters<Logger["info"]>, method: (...a: unknown[]) => void): void {
  const [first] = args;
  if (args.length === 1 && typeof first === "object" && first !== null) {
    const err = first instanceof Error ? first : (first as { err?: unknown }).err;
    if (err !== undefined) return method.apply(this, [first, String(serializeError(err).message)]);
  }
  return method.apply(this, args);
}

/** `log.error({ error })` or `{ cause }` would print a driver error's own fields (its SQL, its parameters): any Error goes through `serializeError`. */
function errorsSerialized(object: Record<string, unknown>): Record<string, unknown> {
  for (const key in object) {
    if (key !== "err" && object[key] instanceof Error) object[key] = serializeError(object[key]);
  }
  return object;
}

/**
 * Errors as their class, code and first line only. Drizzle wraps driver errors with the whole
 * statement and its bound parameters (an endpoint's secret, an Authorization header value): the
 * log gets the driver's SQLSTATE and message and the statement's first words, nothing else.
 */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: firstLine(String(err)) };
  const { query, code, cause } = err as { query?: unknown; code?: unknown; cause?: unknown };
  if (typeof query === "string" && cause instanceof Error) return { ...serializeError(cause), query: statementHead(query) };
  const out: Record<string, unknown> = { type: err.name, message: firstLine(err.message) };
  if (typeof code === "string") {
    out.code = code;
    // Postgres data exceptions (SQLSTATE class 22) quote the offending value in their message.
    if (/^22[0-9A-Z]{3}$/.test(code)) out.message = "data exception (the value is not logged)";
    for (const field of ["table", "column", "constraint"] as const) {
      const value = (err as unknown as Record<string, unknown>)[field];
      if (typeof value === "string") out[field] = value;
    }
  }
  if (cause instanceof Error) out.cause = serializeError(cause);
  return out;
}

/** "insert into endpoint", "select from message": what kind of statement, on which table. */
export function statementHead(statement: string): string {
  const text = statement.replace(/\s+/g, " ").trim();
  const verb = /^\w+/.exec(text)?.[0]?.toLowerCase() ?? "statement";
  const table = /\b(?:from|into|update|join)\s+("?[\w.]+"?)/i.exec(text)?.[1]?.replace(/"/g, "");
  return table ? `${verb}${verb === "insert" ? " into" : verb === "update" ? "" : " from"} ${table}` : verb;
}

/** Drizzle's "Failed query: <sql>\nparams: <values>" never reaches here whole: first line, bounded. */
function firstLine(message: string): string {
  const cut = message.indexOf("\n");
  const line = cut === -1 ? message : message.slice(0, cut);
  return line.startsWith("Failed query:") ? "Failed query" : line.slice(0, 500);
}

/** One instance per process, shared by the route bundles Next.js builds separately. */
export const log: Logger = (g.__portholeLog ??= create());

/**
 * Test hook: every line at `level` or above goes to `sink` (as the JSON text pino writes) until
 * the returned function restores the previous destination and level.
 */
export function captureLog(sink: Sink, level: (typeof LOG_LEVELS)[number] = "info"): () => void {
  const previous = { sink: g.__portholeLogSink, level: log.level };
  g.__portholeLogSink = sink;
  log.level = level;
  return () => {
    g.__portholeLogSink = previous.sink;
    log.level = previous.level;
  };
}
