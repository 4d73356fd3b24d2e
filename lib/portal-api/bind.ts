import "server-only";
import { errorResponse, errors, readBody, validate, type PortalError } from "@/lib/http/errors";
import { queryOf } from "@/lib/http/query";
import { withPortalSession, type PortalContext } from "@/lib/http/with-portal-session";
import { noteRequest, withRequestLog } from "@/lib/request-log";
import { runtime, type Runtime } from "@/lib/runtime";
import type { Capability } from "@/lib/session/capabilities";
import type { BodyOut, ParamsOut, QueryOut, ResultOf, Route } from "./contract";

type RouteContext = { params: Promise<Record<string, string>> };
/** What Next.js calls; params arrive as raw path segments. */
export type BoundHandler = (req: Request, ctx: RouteContext) => Promise<Response>;

/** A typed body sent with extra headers (a session's cookie). */
export class Answer<T> {
  constructor(
    readonly body: T,
    readonly headers: Headers,
  ) {}
}
export const answer = <T>(body: T, headers: HeadersInit): Answer<T> => new Answer(body, new Headers(headers));

/** A refusal that must also send headers (clearing a spent cookie). */
export class Refusal extends Error {
  constructor(
    readonly error: PortalError,
    readonly headers: HeadersInit,
  ) {
    super(error.message);
  }
}

/** What an implementation returns: the table's result type, or a stream for a download. */
type Produced<R extends Route> = [ResultOf<R>] extends [Blob] ? Response : ResultOf<R> | Answer<ResultOf<R>>;

type Parsed<R extends Route> = { params: ParamsOut<R>; query: QueryOut<R>; body: BodyOut<R> };
export type SessionInput<R extends Route> = Omit<PortalContext<ParamsOut<R>>, "params"> & Parsed<R>;
export type PublicInput<R extends Route> = { req: Request; rt: Runtime } & Omit<Parsed<R>, "params">;

type SessionRoute = Route & { auth: { session: Capability } };

const bound = new WeakMap<BoundHandler, Route>();

/** The table entry a route file's export binds (route-coverage.test.ts checks every file with it). */
export function routeOf(handler: unknown): Route | undefined {
  return typeof handler === "function" ? bound.get(handler as BoundHandler) : undefined;
}

/**
 * A session route: withPortalSession authenticates and checks the table's capability, then path
 * params (404 when they cannot name anything), query and body are parsed from the table's
 * schemas, and the implementation's typed result is sent with the table's status.
 */
export function bind<R extends SessionRoute>(route: R, impl: (ctx: SessionInput<R>) => Promise<Produced<R>>): BoundHandler {
  const handler: BoundHandler = withPortalSession<Record<string, string>>(route.auth.session, async (ctx) => {
    noteRequest(ctx.req, { route: route.path });
    const parsed = await parse(route, ctx.req, ctx.params);
    return toResponse(route, await impl({ ...ctx, ...parsed }));
  });
  bound.set(handler, route);
  return handler;
}

/**
 * A route that opens or renews a session, so has none yet: `guard` runs first (rate limits, the
 * CSRF check), then the body is parsed and the implementation runs. It logs its request as
 * withPortalSession does; the implementation notes the app once it knows it.
 */
export function bindPublic<R extends Route>(
  route: R,
  impl: (ctx: PublicInput<R>) => Promise<Produced<R>>,
  guard?: (rt: Runtime, req: Request) => Promise<void>,
): BoundHandler {
  const handler: BoundHandler = withRequestLog(async (req: Request) => {
    noteRequest(req, { route: route.path });
    try {
      const rt = await runtime();
      await guard?.(rt, req);
      const { query, body } = await parse(route, req, {});
      return toResponse(route, await impl({ req, rt, query, body }));
    } catch (err) {
      if (!(err instanceof Refusal)) return errorResponse(err);
      const res = errorResponse(err.error);
      new Headers(err.headers).forEach((v, k) => res.headers.append(k, v));
      return res;
    }
  });
  bound.set(handler, route);
  return handler;
}

async function parse<R extends Route>(route: R, req: Request, raw: Record<string, string>): Promise<Parsed<R>> {
  let params: unknown = {};
  if (route.params) {
    const parsed = route.params.safeParse(raw);
    if (!parsed.success) throw errors.notFound();
    params = parsed.data;
  }
  const query = route.query ? validate(route.query, queryOf(req)) : {};
  const body = route.body ? validate(route.body, await readBody(req, route.maxBody)) : {};
  return { params, query, body } as Parsed<R>;
}

function toResponse(route: Route, out: unknown): Response {
  if (out instanceof Response) return out;
  const { body, headers } = out instanceof Answer ? out : { body: out, headers: new Headers() };
  headers.set("cache-control", "no-store");
  if (route.reply.kind === "none") return new Response(null, { status: 204, headers });
  return Response.json(body, { status: route.reply.status, headers });
}
