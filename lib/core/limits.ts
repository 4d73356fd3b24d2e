import { eq, sql } from "drizzle-orm";
import { rows, type Db } from "@/lib/db/client";
import { appLimits } from "@/lib/db/schema";
import type { AppLimits } from "@/lib/env";

/** What one application stores: a null field follows the default. */
export type StoredLimits = { [K in keyof AppLimits]: number | null };

export type LimitsView = {
  /** Set for this application; null = the default. */
  stored: StoredLimits;
  /** In force: the stored value, else the default. */
  effective: AppLimits;
  /** Bulk deliveries this application has queued now. */
  bulkQueued: number;
};

export async function storedLimits(db: Db, appId: string): Promise<StoredLimits> {
  const [row] = await db.select().from(appLimits).where(eq(appLimits.appId, appId)).limit(1);
  return { maxEndpoints: row?.maxEndpoints ?? null, maxBulkTasks: row?.maxBulkTasks ?? null };
}

export function effectiveLimits(stored: StoredLimits, defaults: AppLimits): AppLimits {
  return { maxEndpoints: stored.maxEndpoints ?? defaults.maxEndpoints, maxBulkTasks: stored.maxBulkTasks ?? defaults.maxBulkTasks };
}

export async function limitsView(db: Db, appId: string, defaults: AppLimits): Promise<LimitsView> {
  const stored = await storedLimits(db, appId);
  return { stored, effective: effectiveLimits(stored, defaults), bulkQueued: await bulkQueued(db, appId) };
}

/** Replaces an application's limits; nulls go back to the defaults. */
export async function saveLimits(db: Db, appId: string, limits: StoredLimits): Promise<void> {
  const updatedAt = new Date();
  await db
    .insert(appLimits)
    .values({ appId, ...limits, updatedAt })
    .onConflictDoUpdate({ target: appLimits.appId, set: { ...limits, updatedAt } });
}

/** Bulk tasks of the application still queued (an attempt in progress included: it is not done). */
export async function bulkQueued(db: Db, appId: string): Promise<number> {
  const [row] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM delivery_tasks WHERE app_id = ${appId} AND bulk`);
  return row?.n ?? 0;
}
