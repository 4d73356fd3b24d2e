import type { z } from "zod";
import type { Capability } from "@/lib/session/capabilities";

/**
 * The vocabulary of the route table (ADR 4). Only types and plain objects: the browser imports
 * the table for its fetchers, the server for its handlers.
 */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Who may call a route: a portal session holding a capability (bearer token, or the magic-link
 * cookie with the CSRF check), or, for the routes that open sessions, what they are opened with.
 */
export type Auth = { session: Capability } | { ticket: true } | { refreshCookie: true } | { login: true };

declare const replyOf: unique symbol;

/** The success answer: its status and, as a type only, its JSON body. */
export type Reply<T> = { status: 200 | 201 | 202 | 204; kind: "json" | "none" | "file"; readonly [replyOf]?: T };

export const json = <T>(status: 200 | 201 | 202 = 200): Reply<T> => ({ status, kind: "json" });
export const noContent = (): Reply<void> => ({ status: 204, kind: "none" });
/** A download (CSV, JSON file): streamed, so the browser gets it as a Blob. */
export const download = (): Reply<Blob> => ({ status: 200, kind: "file" });

type ObjectSchema = z.ZodType<Record<string, unknown>>;

export type RouteDef = {
  path: `/api/portal${string}`;
  method: Method;
  auth: Auth;
  /** Path segments (`[id]`); a value that fails is a 404, never a 422. */
  params?: z.ZodType<Record<string, string>>;
  query?: ObjectSchema;
  body?: ObjectSchema;
  /** Bytes a body may have (default 256 KiB); routes that take a token only take a little. */
  maxBody?: number;
  reply: Reply<unknown>;
};

export type Route<N extends string = string, D extends RouteDef = RouteDef> = D & {
  name: N;
  capability: Capability | null;
  /** Anything but GET changes something (and is audited); GETs never do. */
  mutates: boolean;
};

/** Names each entry after its key and derives what follows from its definition. */
export function defineRoutes<T extends Record<string, RouteDef>>(defs: T): { [K in keyof T & string]: Route<K, T[K]> } {
  const out: Record<string, Route> = {};
  for (const [name, def] of Object.entries(defs)) {
    out[name] = { ...def, name, capability: "session" in def.auth ? def.auth.session : null, mutates: def.method !== "GET" };
  }
  return out as { [K in keyof T & string]: Route<K, T[K]> };
}

// ——— types derived from an entry ———

export type ResultOf<R extends RouteDef> = R["reply"] extends Reply<infer T> ? T : never;

type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;
export type ParamsOut<R extends RouteDef> = Out<R["params"]>;
export type QueryOut<R extends RouteDef> = Out<R["query"]>;
export type BodyOut<R extends RouteDef> = Out<R["body"]>;

/** What the browser passes for a query value: the parsed type, written back to the wire by the fetcher. */
type Wire<T> = T extends Date ? Date | string : T extends readonly (infer E)[] ? readonly E[] : T;
/** Keys as optional as the schema's input (defaults make them optional), values as the handler sees them. */
type QueryIn<S extends z.ZodType> = {
  [K in keyof z.input<S>]: K extends keyof z.output<S> ? Wire<z.output<S>[K]> : never;
};

/** Optional as a whole when nothing in it is required. */
type Part<K extends string, T> = Record<never, never> extends T ? { [P in K]?: T } : { [P in K]: T };

/** A fetcher's argument: path params, query and body, each only where the route has one. */
export type InputOf<R extends RouteDef> = (R["params"] extends z.ZodType ? { params: z.input<R["params"]> } : unknown) &
  (R["query"] extends z.ZodType ? Part<"query", QueryIn<R["query"]>> : unknown) &
  (R["body"] extends z.ZodType ? Part<"body", z.input<R["body"]>> : unknown);
