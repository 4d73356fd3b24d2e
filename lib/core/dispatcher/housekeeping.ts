import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";

const EVERY_MS = 10 * 60_000;

/** Occasional clean-up: payloads past their retention, revoked tokens past their expiry, idempotent answers past 12 hours. */
export class Housekeeping {
  private last = 0;

  constructor(private readonly db: Db) {}

  /** Runs the clean-up when ten minutes have passed since the last run; a failure waits for the next. */
  async runIfDue(): Promise<void> {
    if (Date.now() - this.last < EVERY_MS) return;
    this.last = Date.now();
    try {
      await this.db.execute(sql`UPDATE messages SET payload = NULL WHERE payload IS NOT NULL AND expires_at <= now()`);
      await this.db.execute(sql`DELETE FROM revoked_tokens WHERE expires_at <= now()`);
      await this.db.execute(sql`DELETE FROM idempotency_keys WHERE expires_at <= now()`);
    } catch (err) {
      log.error({ err }, "dispatcher: housekeeping failed; trying again in 10 minutes");
    }
  }
}
