import { exportMessages } from "@/lib/delivery-api/messages";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";
import { csvFormat, jsonFormat } from "./format";

/**
 * The filtered log as a CSV or JSON download, written as the core's pages arrive (never held
 * whole) and capped at `max` rows.
 */
export const GET = bind(portalRoutes.exportMessages, async ({ scope, query: { format, max, ...filters } }) => {
  const out = format === "json" ? jsonFormat : csvFormat(filters.endpoint !== undefined || filters.status !== undefined);
  const pages = exportMessages(scope, filters, max);
  // The first page is read before answering, so a refused filter is still a proper error status.
  let next = await pages.next();
  let first = true;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(out.head));
    },
    async pull(controller) {
      if (next.done) {
        const tail = out.tail(next.value.truncated, max);
        if (tail) controller.enqueue(encoder.encode(tail));
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(out.rows(next.value, first)));
      first = false;
      next = await pages.next();
    },
    async cancel() {
      await pages.return({ truncated: true });
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": out.contentType,
      "content-disposition": `attachment; filename="messages-${scope.appId}-${date}.${out.extension}"`,
      "x-content-type-options": "nosniff",
    },
  });
});
