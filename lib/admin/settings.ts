import { eq } from "drizzle-orm";
import type { Branding } from "@/lib/branding/schema";
import { portalSettings } from "@/lib/db/schema";
import type { Runtime } from "@/lib/runtime";

export type StoredSettings = { allowedOrigins: string[] | null; branding: Branding | null; updatedAt: string | null };

/** What is stored for one scope (an app id, or the org default); nulls when nothing is. */
export async function readSettings(rt: Runtime, scope: string): Promise<StoredSettings> {
  const [row] = await rt.database.db.select().from(portalSettings).where(eq(portalSettings.scope, scope)).limit(1);
  return {
    allowedOrigins: row?.allowedOrigins ?? null,
    branding: (row?.branding as Branding | null | undefined) ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

/** Replaces a scope's branding; null = inherit everything. */
export async function saveBranding(rt: Runtime, scope: string, branding: Branding | null): Promise<void> {
  const updatedAt = new Date();
  await rt.database.db
    .insert(portalSettings)
    .values({ scope, branding, updatedAt })
    .onConflictDoUpdate({ target: portalSettings.scope, set: { branding, updatedAt } });
}
