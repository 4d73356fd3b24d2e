import { sql } from "drizzle-orm";
import { rows, type Db } from "@/lib/db/client";
import { toArray } from "../queue";
import type { EndpointRow } from "@/lib/db/rows";
import { Status } from "../status";

/** The window of the health counts: messages sent to the endpoint in the last 24 hours. */
export const HEALTH_WINDOW_MS = 24 * 3_600_000;

export type EndpointHealth = {
  /** Start of the window the counts cover (its end is now). */
  since: string;
  success: number;
  fail: number;
  sending: number;
  lastAttempt: string | null;
  failingSince: string | null;
  disabledReason: "auto" | "manual" | null;
};

type Row = { id: string; success: number; fail: number; sending: number; last_attempt: Date | string | null };

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * Porthole's extension of the endpoint list: the health of a page of endpoints in one statement.
 * Counts are the destinations created in the window by state (the same index and numbers as the
 * stats route); the last attempt is one step down the attempts index of each endpoint.
 */
export async function endpointHealth(db: Db, endpoints: EndpointRow[], now = new Date()): Promise<Map<string, EndpointHealth>> {
  const since = new Date(now.getTime() - HEALTH_WINDOW_MS);
  const found = endpoints.length
    ? await rows<Row>(
        db,
        sql`SELECT e.id, s.success, s.fail, s.sending, la.created_at AS last_attempt
            FROM unnest(${toArray(endpoints.map((e) => e.id))}::text[]) AS e(id)
            CROSS JOIN LATERAL (
              SELECT count(*) FILTER (WHERE d.status = ${Status.success})::int AS success,
                count(*) FILTER (WHERE d.status = ${Status.fail})::int AS fail,
                count(*) FILTER (WHERE d.status <> ${Status.success} AND d.status <> ${Status.fail})::int AS sending
              FROM message_destinations d WHERE d.endpoint_id = e.id AND d.created_at >= ${since.toISOString()}
            ) s
            LEFT JOIN LATERAL (
              SELECT a.created_at FROM message_attempts a WHERE a.endpoint_id = e.id ORDER BY a.id DESC LIMIT 1
            ) la ON true`,
      )
    : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  return new Map(
    endpoints.map((e) => {
      const r = byId.get(e.id);
      return [
        e.id,
        {
          since: since.toISOString(),
          success: r?.success ?? 0,
          fail: r?.fail ?? 0,
          sending: r?.sending ?? 0,
          lastAttempt: iso(r?.last_attempt ?? null),
          failingSince: iso(e.failingSince),
          disabledReason: e.disabled ? (e.disabledReason ?? "manual") : null,
        },
      ];
    }),
  );
}
