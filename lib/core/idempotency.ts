import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { rowsPrepared, rows, type Db } from "@/lib/db/client";
import { bodyText, json } from "./api/http";
import { GroupCommit } from "./group-commit";
import { toArray } from "./queue";

/** Svix keeps an idempotent request's answer for 12 hours. */
const KEEP_MS = 12 * 3_600_000;
/** How long a request may hold its key; after that (its process died, say) a retry may run instead. */
const HOLD_MS = 30_000;
/** How long a retry waits for the request holding its key to answer. */
const WAIT_MS = 20_000;
const POLL_MS = 100;

type Kept = { state: number; status: number | null; body: string | null; headers: Record<string, string> | null };
type Outcome = { key: string; status: number; body: string; headers: Record<string, string> } | { key: string; status: null };

/**
 * Idempotency-Key for POST requests, as svix-server does it: the first request with a key (for one
 * token and URL) runs; a retry with the same key gets the first one's answer, error answers
 * included, for 12 hours. A retry that comes while the first is still running waits for it. A 5xx
 * answer is not kept: nothing was stored, so the retry runs again. Kept in the database, so every
 * process serving the API sees the same keys; taking and settling keys is group-committed.
 */
export class Idempotency {
  private readonly take: GroupCommit<string, boolean>;
  private readonly settle: GroupCommit<Outcome, void>;

  constructor(private readonly db: Db) {
    this.take = new GroupCommit((keys) => this.takeKeys(keys));
    this.settle = new GroupCommit((outcomes) => this.settleKeys(outcomes));
  }

  /** Runs `handle` once per key; a request without a key (or not a POST) just runs. `url` is `req.url`, parsed. */
  async run(req: Request, url: URL, handle: () => Promise<Response>): Promise<Response> {
    const given = req.method === "POST" ? req.headers.get("idempotency-key") : null;
    if (!given) return handle();
    const key = createHash("sha256")
      .update(`${req.headers.get("authorization") ?? ""}\n${given}\n${url.pathname}${url.search}`)
      .digest("base64url");

    const deadline = Date.now() + WAIT_MS;
    while (!(await this.take.add(key))) {
      const [kept] = await rows<Kept>(this.db, sql`SELECT state, status, body, headers FROM idempotency_keys WHERE key = ${key}`);
      if (kept?.state === 1 && kept.status !== null) return replay(kept);
      if (Date.now() >= deadline) {
        return json({ code: "conflict", detail: "A request with this idempotency key is still being processed" }, 409);
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }

    let res: Response;
    try {
      res = await handle();
    } catch (err) {
      await this.settle.add({ key, status: null });
      throw err;
    }
    // 5xx: something broke before anything was stored, so a retry should run again.
    if (res.status >= 500) {
      await this.settle.add({ key, status: null });
      return res;
    }
    const body = await bodyText(res);
    // Answered only once the answer is kept: a retry after this response must find it.
    await this.settle.add({ key, status: res.status, body, headers: Object.fromEntries(res.headers) });
    return res;
  }

  /** A key is taken when it is new, its answer has expired, or its holder ran out of time. */
  private async takeKeys(keys: string[]): Promise<boolean[]> {
    const unique = [...new Set(keys)];
    const taken = await rowsPrepared<{ key: string }>(
      this.db,
      "porthole_idempotency_take",
      sql`INSERT INTO idempotency_keys AS k (key, state, locked_until, expires_at)
          SELECT key, 0, now() + ${HOLD_MS} * interval '1 millisecond', now() + ${KEEP_MS} * interval '1 millisecond'
          FROM unnest(${toArray(unique)}::text[]) AS key
          ON CONFLICT (key) DO UPDATE SET state = 0, status = NULL, body = NULL, headers = NULL,
            locked_until = excluded.locked_until, expires_at = excluded.expires_at
          WHERE k.expires_at <= now() OR (k.state = 0 AND k.locked_until <= now())
          RETURNING key`,
    );
    // Two requests with one key in the same batch: the first takes it, the other waits for its answer.
    const free = new Set(taken.map((t) => t.key));
    return keys.map((key) => free.delete(key));
  }

  /** Keeps the answers; a key whose request failed is let go at once. */
  private async settleKeys(outcomes: Outcome[]): Promise<void[]> {
    const done = outcomes.filter((o) => o.status !== null);
    const failed = outcomes.filter((o) => o.status === null).map((o) => o.key);
    if (done.length > 0) {
      const answers = JSON.stringify(done.map((o) => ({ key: o.key, status: o.status, body: o.body, headers: o.headers })));
      // The keys drive the primary key (`= ANY(ARRAY(…))`) in the generic plan too: a join on the
      // batch alone could be planned as a scan of every key kept.
      await rowsPrepared(
        this.db,
        "porthole_idempotency_settle",
        sql`WITH a AS (
              SELECT * FROM jsonb_to_recordset(${answers}::jsonb) AS a(key text, status int, body text, headers jsonb)
            )
            UPDATE idempotency_keys k SET state = 1, status = a.status, body = a.body, headers = a.headers
            FROM a WHERE k.key = ANY(ARRAY(SELECT key FROM a)) AND k.key = a.key`,
      );
    }
    if (failed.length > 0) {
      await this.db.execute(sql`UPDATE idempotency_keys SET locked_until = now() WHERE key = ANY(${toArray(failed)}::text[]) AND state = 0`);
    }
    return outcomes.map(() => undefined);
  }
}

/**
 * Expunges a message's payload from the kept answer to its creation too, as GET shows it
 * (`{"expired": true}`); the key itself stays, so a retry still does not create the message again. That answer was kept when the message was created, so it
 * expires about 12 hours after: the expiry index narrows the search to those minutes.
 */
export async function expungeKeptPayload(db: Db, msgId: string, createdAt: Date): Promise<void> {
  const expected = createdAt.getTime() + KEEP_MS;
  const margin = 10 * 60_000;
  await db.execute(
    sql`UPDATE idempotency_keys SET body = jsonb_set(body::jsonb, '{payload}', '{"expired": true}'::jsonb)::text
        WHERE state = 1 AND expires_at BETWEEN ${new Date(expected - margin).toISOString()}::timestamptz AND ${new Date(expected + margin).toISOString()}::timestamptz
          AND strpos(body, ${`"id":${JSON.stringify(msgId)}`}) > 0 AND body::jsonb -> 'payload' <> '{}'::jsonb`,
  );
}

function replay(kept: Kept): Response {
  const headers = new Headers(kept.headers ?? {});
  headers.set("idempotent-replayed", "true");
  return new Response(kept.status === 204 ? null : kept.body, { status: kept.status!, headers });
}
