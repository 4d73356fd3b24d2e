import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";

/**
 * Porthole's one logger: JSON lines in production (one object per event, easy to ship), pretty
 * text when stdout is a terminal. `LOG_LEVEL` sets the threshold (default "info"; tests use "warn").
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

function prettyStream(): DestinationStream | undefined {
  if (!process.stdout.isTTY || process.env.NODE_ENV === "test" || process.env.LOG_FORMAT === "json") return undefined;
  // A synchronous stream, not a transport: no worker thread for bundlers to trace.
  return pretty({ colorize: true, translateTime: "HH:MM:ss.l", ignore: "pid,hostname", sync: true });
}

function create(): Logger {
  const options = {
    level: process.env.LOG_LEVEL ?? "info",
    base: undefined,
    redact: { paths: REDACT, censor: "[redacted]" },
    serializers: { err: serializeError },
  };
  const stream = prettyStream();
  return stream ? pino(options, stream) : pino(options);
}

/**
 * Errors as their class, code and message only. Driver errors (pg, PGlite) carry the statement's
 * text and its bound parameters in other fields; those never reach the log.
 */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const code = (err as { code?: unknown }).code;
  const cause = (err as { cause?: unknown }).cause;
  return {
    type: err.name,
    message: firstLine(err.message),
    ...(typeof code === "string" && { code }),
    ...(cause instanceof Error && { cause: serializeError(cause) }),
  };
}

/** Drizzle's "Failed query: <sql>\nparams: <values>" keeps only its first line. */
function firstLine(message: string): string {
  const cut = message.indexOf("\n");
  const line = cut === -1 ? message : message.slice(0, cut);
  return line.startsWith("Failed query:") ? "Failed query" : line.slice(0, 500);
}

const globalLog = globalThis as typeof globalThis & { __portholeLog?: Logger };

/** One instance per process, shared by the route bundles Next.js builds separately. */
export const log: Logger = (globalLog.__portholeLog ??= create());
