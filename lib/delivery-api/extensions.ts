import "server-only";
import type { Svix } from "svix";
import { HttpMethod, SvixRequest, type SvixRequestContext } from "svix/dist/request";
import { call, type AppScope } from "./client";

/**
 * A GET of a Porthole extension of the embedded core (a query parameter or response field Svix's
 * SDK does not know), sent through the SDK's own request machinery: the session's token, the
 * in-process fetch, the same errors. Only the embedded core answers these; callers check the mode.
 */
export function getExtended<T>(scope: AppScope, path: string, query: Record<string, string | number | boolean | Date | string[] | null | undefined>): Promise<T> {
  if (scope.link.mode !== "embedded") throw new Error("Porthole extensions exist only on the embedded core");
  const req = new SvixRequest(HttpMethod.GET, path);
  req.setPathParam("app_id", scope.appId);
  req.setQueryParams(query);
  return call(() => req.send(requestContext(scope.svix), (body) => body as T));
}

/**
 * A POST to a Porthole extension route, through the same machinery. Sent in either mode: an
 * external core without the route answers 404, which the caller turns into "not available".
 */
export function postExtended<T>(scope: AppScope, path: string, pathParams: Record<string, string>): Promise<T> {
  const req = new SvixRequest(HttpMethod.POST, path);
  req.setPathParam("app_id", scope.appId);
  for (const [name, value] of Object.entries(pathParams)) req.setPathParam(name, value);
  return req.send(requestContext(scope.svix), (body) => body as T);
}

/** The client's request context (server URL, token, fetch); the SDK keeps it protected. */
function requestContext(svix: Svix): SvixRequestContext {
  return (svix as unknown as { requestCtx: SvixRequestContext }).requestCtx;
}
