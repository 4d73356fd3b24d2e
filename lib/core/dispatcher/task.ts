import type { OldSecret } from "@/lib/db/schema";

/** A delivery task as the claim returns it: the task, its message and its endpoint. */
export type Task = {
  id: number;
  /** The task's lease before this claim: THROTTLE_SLOT when it already holds a throttle slot. */
  held: string | null;
  msg_id: string;
  endpoint_id: string;
  app_id: string;
  trigger: number;
  attempts: number;
  /** Background work queued by recover or replay-missing. */
  bulk: boolean;
  payload: string | null;
  expires_at: Date;
  url: string;
  disabled: boolean;
  secret: string;
  old_secrets: OldSecret[];
  headers: Record<string, string>;
  throttle_rate: number | null;
};

/** A task this process holds under `lease`, claimed at `claimedAt` (ms since the epoch). */
export type Claimed = Task & { lease: string; claimedAt: number };

/** The lease of a task put back to wait for a throttle slot it has already reserved. */
export const THROTTLE_SLOT = "throttle-slot";
