import "server-only";
import { MessageAttemptTriggerType, type MessageAttemptOut } from "svix";
import type { Page } from "@/lib/http/page";
import { call, type AppScope } from "./client";
import { toPage } from "./pages";
import { deliveryStatus, messageStatus } from "./status";
import { shownUrl } from "./url-credentials";
import type { Attempt, AttemptsOf } from "./types-attempts";

/** The one mapper from Svix's attempt to ours. */
export function toAttempt(a: MessageAttemptOut, scope: Pick<AppScope, "showUrlCredentials">): Attempt {
  return {
    id: a.id,
    messageId: a.msgId,
    endpointId: a.endpointId,
    url: shownUrl(scope, a.url),
    status: deliveryStatus(a.status, a.statusText),
    statusCode: a.responseStatusCode,
    durationMs: a.responseDurationMs,
    response: a.response,
    trigger: a.triggerType === MessageAttemptTriggerType.Manual ? "manual" : "scheduled",
    timestamp: a.timestamp.toISOString(),
  };
}

/** Attempts newest first, with response bodies: an endpoint's, or a message's (optionally to one endpoint). */
export function listAttempts(scope: AppScope, of: AttemptsOf, page: { limit?: number; iterator?: string | null }): Promise<Page<Attempt>> {
  const common = { limit: page.limit, iterator: page.iterator ?? null, withContent: true };
  return call(async () => {
    if (of.message !== undefined) {
      return toPage(await scope.svix.messageAttempt.listByMsg(scope.appId, of.message, { ...common, endpointId: of.endpoint }), (a) => toAttempt(a, scope));
    }
    const res = await scope.svix.messageAttempt.listByEndpoint(scope.appId, of.endpoint, {
      ...common,
      status: of.status && messageStatus(of.status),
      before: of.before,
      after: of.after,
    });
    return toPage(res, (a) => toAttempt(a, scope));
  });
}
