import { z } from "zod";
import { limitsView, saveLimits, type LimitsView } from "@/lib/core/limits";
import { PortalError } from "@/lib/http/errors";
import type { Runtime } from "@/lib/runtime";

const limit = (max: number) => z.number().int().min(1).max(max).nullish().transform((v) => v ?? null);

/** A PUT replaces both limits; one left out or null goes back to the default (ENDPOINTS_PER_APP, BULK_TASKS_PER_APP). */
export const limitsBody = z.strictObject({ maxEndpoints: limit(100_000), maxBulkTasks: limit(10_000_000) });

/** The embedded core enforces these; an external core keeps limits of its own. */
function embedded(rt: Runtime) {
  if (!rt.core) throw new PortalError("bad_request", "Limits are kept by the delivery service itself when CORE_API_URL is set.");
  return { db: rt.database.db, defaults: rt.core.limits };
}

export function readLimits(rt: Runtime, appId: string): Promise<LimitsView> {
  const { db, defaults } = embedded(rt);
  return limitsView(db, appId, defaults);
}

export async function replaceLimits(rt: Runtime, appId: string, limits: z.output<typeof limitsBody>): Promise<LimitsView> {
  const { db, defaults } = embedded(rt);
  await saveLimits(db, appId, limits);
  return limitsView(db, appId, defaults);
}
