import { sql } from "drizzle-orm";
import { rows, type Db } from "@/lib/db/client";
import { THROTTLE_SLOT, type Claimed } from "./task";

/**
 * An endpoint's `throttleRate`, held across all workers: a generic cell rate algorithm on the
 * endpoint row. Every task reserves the next free slot; one whose slot is still ahead is put back
 * to run at it, marked so it does not reserve another. Reserving (rather than retrying for a slot)
 * claims each waiting task only twice, however long the queue, where retrying would have every
 * waiting task race for every slot; it also keeps the endpoint's deliveries roughly in their queue
 * order. Returns whether the task may be sent now.
 */
export async function takeThrottleSlot(db: Db, task: Claimed): Promise<boolean> {
  const [slot] = await rows<{ at: Date; now: Date }>(
    db,
    sql`UPDATE endpoints SET throttle_tat = GREATEST(throttle_tat, clock_timestamp()) + interval '1 second' / throttle_rate
        WHERE id = ${task.endpoint_id} AND throttle_rate IS NOT NULL
        RETURNING throttle_tat - interval '1 second' / throttle_rate AS at, clock_timestamp() AS now`,
  );
  // A few milliseconds early is not worth a round trip through the queue.
  if (!slot || new Date(slot.at).getTime() - new Date(slot.now).getTime() <= 5) return true;
  await db.execute(
    sql`UPDATE delivery_tasks SET run_at = ${new Date(slot.at).toISOString()}::timestamptz, lease_id = ${THROTTLE_SLOT}, lease_expires_at = NULL
        WHERE id = ${task.id} AND lease_id = ${task.lease}`,
  );
  return false;
}
