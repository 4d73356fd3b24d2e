import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { rows } from "@/lib/db/client";
import type { MessageRow } from "@/lib/db/rows";
import { boundaryId } from "../ids";
import { toArray } from "../queue";
import type { ListResponse } from "./pagination";
import { Status } from "../status";

/**
 * Porthole's extension of the message list: each message's delivery status over all its
 * destinations, worst first — `fail` (a destination failed for good), `retrying` (a destination's
 * latest attempt failed and another is queued), `sending` (a destination awaits its attempt),
 * `success` (every destination got it), `none` (no endpoint received it).
 */
export const DELIVERY_STATES = ["fail", "retrying", "sending", "success", "none"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const deliveryStatesParam = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(",")).filter((s) => s !== ""))
  .pipe(z.array(z.enum(DELIVERY_STATES)).min(1))
  .optional();

export type StatusListQuery = {
  limit: number;
  iterator?: string;
  before?: Date;
  after?: Date;
  channel?: string;
  event_types?: string[];
  delivery_status?: DeliveryState[];
};

type Row = MessageRow & { state: DeliveryState; next_attempt: Date | string | null };

const unfinished = sql`d.status <> ${Status.success} AND d.status <> ${Status.fail}`;

/**
 * One page of the app's messages newest first (keyset on the id, Svix's iterators), each with its
 * delivery status, optionally only those in the given states.
 *
 * Where the candidates come from decides the cost. Failing states are read from
 * failing_destinations and in-flight ones from the delivery queue, both by index and both small
 * next to the log, so a rare state is found without walking the log; `success` and `none` walk the
 * app's messages newest first (success is the common case, so that walk ends soon). A candidate's
 * state is always computed from its destinations, so a stale failing row can only cost a lookup.
 */
export async function listWithStatus(
  db: Parameters<typeof rows>[0],
  appId: string,
  query: StatusListQuery,
): Promise<ListResponse<{ row: MessageRow; state: DeliveryState; nextAttempt: string | null }>> {
  const { statement, backwards } = statusListSql(appId, query);
  const found = await rows<Row>(db, statement);

  const done = found.length <= query.limit;
  const page = found.slice(0, query.limit);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  return {
    data: page.map((r) => ({
      row: {
        id: r.id,
        appId: r.appId,
        eventId: r.eventId,
        eventType: r.eventType,
        payload: r.payload,
        channels: r.channels,
        expiresAt: new Date(r.expiresAt),
        createdAt: new Date(r.createdAt),
      },
      state: r.state,
      nextAttempt: r.next_attempt === null ? null : new Date(r.next_attempt).toISOString(),
    })),
    iterator: last === undefined ? null : last.id,
    prevIterator: first === undefined ? null : `-${first.id}`,
    done,
  };
}


/** The statement behind `listWithStatus` (exported for the benchmark's EXPLAIN). */
export function statusListSql(appId: string, query: StatusListQuery): { statement: SQL; backwards: boolean } {
  // Newest first within any window: `after` is a bound, never a starting point.
  const iterator = query.iterator;
  const backwards = iterator?.startsWith("-") ?? false;
  const from = backwards ? iterator!.slice(1) : iterator;
  const dir = backwards ? sql`ASC` : sql`DESC`;
  const states = query.delivery_status ? [...new Set(query.delivery_status)] : undefined;

  // Bounds on the message id, applied to the candidates as well as to the messages.
  const bounds = (col: SQL): SQL[] => [
    ...(from === undefined ? [] : [backwards ? sql`${col} > ${from}` : sql`${col} < ${from}`]),
    ...(query.before ? [sql`${col} < ${boundaryId("msg_", query.before, "min")}`] : []),
    ...(query.after ? [sql`${col} > ${boundaryId("msg_", query.after, "max")}`] : []),
  ];
  const onMessage = [
    sql`m.app_id = ${appId}`,
    ...bounds(sql`m.id`),
    ...(query.channel ? [sql`m.channels @> ${toArray([query.channel])}::text[]`] : []),
    ...(query.event_types?.length ? [sql`m.event_type = ANY(${toArray(query.event_types)}::text[])`] : []),
  ];

  const sources: SQL[] = [];
  const walksLog = !states || states.includes("success") || states.includes("none");
  if (!walksLog) {
    if (states.includes("fail") || states.includes("retrying")) {
      sources.push(sql`SELECT f.msg_id FROM failing_destinations f WHERE ${sql.join([sql`f.app_id = ${appId}`, ...bounds(sql`f.msg_id`)], sql` AND `)}`);
    }
    if (states.includes("sending")) {
      sources.push(sql`SELECT q.msg_id FROM delivery_tasks q WHERE ${sql.join([sql`q.app_id = ${appId}`, ...bounds(sql`q.msg_id`)], sql` AND `)}`);
    }
  }
  // Each candidate's message is looked up on its own and the page is ordered by the candidates' id,
  // so the candidates are read in order and only until the page is full (a plain join let the planner
  // merge-join, walking the log backwards to meet a few failing ids).
  const candidates = walksLog
    ? sql`messages m`
    : sql`(SELECT DISTINCT c.msg_id FROM (${sql.join(sources, sql` UNION ALL `)}) c ORDER BY c.msg_id ${dir}) c
        CROSS JOIN LATERAL (SELECT * FROM messages x WHERE x.id = c.msg_id LIMIT 1) m`;

  const statement = sql`SELECT m.id, m.app_id AS "appId", m.event_id AS "eventId", m.event_type AS "eventType", m.payload,
          m.channels, m.expires_at AS "expiresAt", m.created_at AS "createdAt", s.state, s.next_attempt
        FROM ${candidates}
        CROSS JOIN LATERAL (
          SELECT CASE
              WHEN count(*) = 0 THEN 'none'
              WHEN bool_or(d.status = ${Status.fail}) THEN 'fail'
              WHEN bool_or(${unfinished} AND f.msg_id IS NOT NULL) THEN 'retrying'
              WHEN bool_or(${unfinished}) THEN 'sending'
              ELSE 'success' END AS state,
            min(d.next_attempt_at) FILTER (WHERE ${unfinished}) AS next_attempt
          FROM message_destinations d
          LEFT JOIN failing_destinations f ON f.msg_id = d.msg_id AND f.endpoint_id = d.endpoint_id
          WHERE d.msg_id = m.id
        ) s
        WHERE ${sql.join([...onMessage, ...(states ? [sql`s.state = ANY(${toArray(states)}::text[])`] : [])], sql` AND `)}
        ORDER BY ${walksLog ? sql`m.id` : sql`c.msg_id`} ${dir}
        LIMIT ${query.limit + 1}`;
  return { statement, backwards };
}
