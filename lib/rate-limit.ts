import { createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import { deriveKey } from "@/lib/crypto";
import { rows } from "@/lib/db/client";
import { errors } from "@/lib/http/errors";
import { log } from "@/lib/log";
import type { Runtime } from "@/lib/runtime";

/** When each scope's ended windows were last deleted by this process. */
const swept = new Map<string, number>();
const keys = new WeakMap<Runtime, Buffer>();

/**
 * Fixed-window counter in the database, so every replica shares it. Throws 429 once `subject`
 * (an address, an email) has been counted more than `limit` times in `scope`'s current window.
 *
 * The row's key is the scope and a keyed hash of the subject: the same short length whatever a
 * client sends (a 3 KB value once broke the primary key's index), and no address or email kept
 * in clear. Rows whose window has ended are deleted here, at most once a window per scope and
 * process, since with an external core there is no dispatcher to do it.
 */
export async function rateLimit(rt: Runtime, scope: string, subject: string, limit: number, windowMs: number): Promise<void> {
  const key = `${scope}:${subjectHash(rt, subject)}`;
  const [row] = await rows<{ count: number }>(
    rt.database.db,
    sql`INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, now(), 1)
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN rate_limits.window_start < now() - ${windowMs} * interval '1 millisecond' THEN 1 ELSE rate_limits.count + 1 END,
          window_start = CASE WHEN rate_limits.window_start < now() - ${windowMs} * interval '1 millisecond' THEN now() ELSE rate_limits.window_start END
        RETURNING count`,
  );
  await sweep(rt, scope, windowMs);
  if ((row?.count ?? 0) > limit) throw errors.rateLimited();
}

function subjectHash(rt: Runtime, subject: string): string {
  let key = keys.get(rt);
  if (!key) keys.set(rt, (key = deriveKey(rt.secret, "rate-limit")));
  return createHmac("sha256", key).update(subject).digest("base64url").slice(0, 22);
}

async function sweep(rt: Runtime, scope: string, windowMs: number): Promise<void> {
  const last = swept.get(scope) ?? 0;
  if (Date.now() - last < windowMs) return;
  swept.set(scope, Date.now());
  try {
    // Scopes are our own constants (no LIKE wildcards); keys from before hashing match too.
    await rt.database.db.execute(
      sql`DELETE FROM rate_limits WHERE key LIKE ${`${scope}:%`} AND window_start < now() - ${windowMs} * interval '1 millisecond'`,
    );
  } catch (err) {
    // The count above stands; the next window tries again.
    log.warn({ err }, "rate limit: could not delete ended windows");
  }
}
