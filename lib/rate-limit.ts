import { sql } from "drizzle-orm";
import { rows } from "@/lib/db/client";
import type { Runtime } from "@/lib/runtime";
import { errors } from "@/lib/http/errors";

/**
 * Fixed-window counter in the database, so every replica shares it. Throws 429 once `key` has
 * been hit more than `limit` times in the current window.
 */
export async function rateLimit(rt: Runtime, key: string, limit: number, windowMs: number): Promise<void> {
  const [row] = await rows<{ count: number }>(
    rt.database.db,
    sql`INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, now(), 1)
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN rate_limits.window_start < now() - ${windowMs} * interval '1 millisecond' THEN 1 ELSE rate_limits.count + 1 END,
          window_start = CASE WHEN rate_limits.window_start < now() - ${windowMs} * interval '1 millisecond' THEN now() ELSE rate_limits.window_start END
        RETURNING count`,
  );
  if ((row?.count ?? 0) > limit) throw errors.rateLimited();
}
