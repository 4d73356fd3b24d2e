import type { Agent } from "undici";
import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { GroupCommit } from "../group-commit";
import { claimTasks, releaseTasks } from "./claim";
import { Housekeeping } from "./housekeeping";
import { recordFailure, recordSuccesses, succeeded, type Success } from "./outcome";
import { sendWebhook, type SendResult } from "./sender";
import { signatureHeader, webhookHeaders, type HeaderStyle } from "./signing";
import { createGuardedAgent, type SsrfPolicy } from "./ssrf";
import { THROTTLE_SLOT, type Claimed } from "./task";
import { takeThrottleSlot } from "./throttle";

export type DispatcherOptions = {
  db: Db;
  ssrf: SsrfPolicy;
  retryScheduleMs: number[];
  headerStyle: HeaderStyle;
  /** Deliveries in flight at once in this process. */
  concurrency: number;
  /** How long a claimed task stays hidden from other workers; must outlast one attempt. */
  leaseMs?: number;
  timeoutMs?: number;
  /** How often to look for due work when nothing wakes us (other processes' messages, retries). */
  pollMs?: number;
  /** Outcome batches written at once: several connections on Postgres; PGlite runs one statement at a time. */
  parallelWrites?: number;
  /** An endpoint whose retries keep being exhausted for this long is disabled. */
  disableAfterMs?: number;
  /** The share of the slots bulk work (recover, replay-missing) may fill; 0.25 unless set. */
  bulkShare?: number;
};

/**
 * The delivery loop: claims due tasks (claim.ts), sends them within this process's slots, and
 * records what happened (outcome.ts), with throttling (throttle.ts) and occasional clean-up
 * (housekeeping.ts) beside it. Any number of processes can run one on the same database.
 */
export class Dispatcher {
  private readonly leaseMs: number;
  private readonly timeoutMs: number;
  private readonly pollMs: number;
  private readonly disableAfterMs: number;
  private readonly agent: Agent;
  private readonly inFlight = new Set<Promise<void>>();
  /**
   * Claimed tasks waiting for a slot, in claim order. The next claim runs while the current
   * attempts are in flight, so a slot that frees up is refilled at once instead of waiting for the
   * database; without this, deliveries went in bursts with the process idle between them.
   */
  private readonly ready: Claimed[] = [];
  /** Attempts made whose outcome is still being written. */
  private readonly writes = new Set<Promise<void>>();
  /** Attempts in flight per endpoint, so one slow endpoint with a backlog cannot take every slot. */
  private readonly running = new Map<string, number>();
  /** Tasks held per endpoint, waiting or in flight: what the claim's per-endpoint room counts. */
  private readonly held = new Map<string, number>();
  /** The same two per application, so one tenant's many slow endpoints cannot take every slot either. */
  private readonly appRunning = new Map<string, number>();
  private readonly appHeld = new Map<string, number>();
  /** Bulk attempts in flight and bulk tasks held. */
  private bulkRunning = 0;
  private bulkHeld = 0;
  /** Slots one application may fill, and one endpoint: a few fewer, so the app's other endpoints still get one. */
  private readonly appShare: number;
  private readonly endpointShare: number;
  /** Tasks one application or endpoint may hold: its slots, and as many again waiting. */
  private readonly appHold: number;
  private readonly endpointHold: number;
  /**
   * The last slots (a quarter) go only to applications with fewer than `smallShare` attempts in
   * flight: however many tenants have filled theirs with slow receivers, another tenant's new
   * message finds a slot. Claims keep the same reserve of held tasks (`reservedHold`, `smallHold`).
   */
  private readonly reserve: number;
  private readonly smallShare: number;
  private readonly reservedHold: number;
  private readonly smallHold: number;
  /** Slots bulk work may fill, and the tasks it may hold. */
  private readonly bulkSlots: number;
  private readonly bulkHold: number;
  private readonly minClaim: number;
  /** What sat out the last claim: only one of them getting room back is worth claiming again. */
  private sidelined: { endpoints: Set<string>; apps: Set<string>; bulk: boolean; open: boolean } = {
    endpoints: new Set(),
    apps: new Set(),
    bulk: false,
    open: false,
  };
  /** The last claim found nothing this process may take. */
  private starved = false;
  /** Successful attempts are recorded together: one statement for many deliveries under load. */
  private readonly successes: GroupCommit<Success, void>;
  private readonly housekeeping: Housekeeping;
  private active = false;
  private loop: Promise<void> | undefined;
  private signal: (() => void) | undefined;
  private woken = false;

  constructor(private readonly opts: DispatcherOptions) {
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.pollMs = opts.pollMs ?? 250;
    this.disableAfterMs = opts.disableAfterMs ?? 5 * 86_400_000;
    // One application may fill the slots but a quarter, kept for everyone else's deliveries.
    this.reserve = Math.ceil(opts.concurrency / 4);
    this.smallShare = Math.max(1, Math.ceil(this.reserve / 4));
    this.appShare = Math.max(1, opts.concurrency - this.reserve);
    this.endpointShare = Math.max(1, this.appShare - this.smallShare);
    this.appHold = 2 * this.appShare;
    this.endpointHold = 2 * this.endpointShare;
    this.reservedHold = 2 * this.reserve;
    this.smallHold = 2 * this.smallShare;
    this.bulkSlots = Math.max(1, Math.floor(opts.concurrency * (opts.bulkShare ?? 0.25)));
    this.bulkHold = 2 * this.bulkSlots;
    this.minClaim = Math.max(1, Math.floor(opts.concurrency / 8));
    this.successes = new GroupCommit((batch) => recordSuccesses(opts.db, batch), { parallel: opts.parallelWrites ?? 1 });
    this.housekeeping = new Housekeeping(opts.db);
    this.agent = createGuardedAgent({ policy: opts.ssrf, connections: Math.max(8, opts.concurrency) });
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.loop = this.run();
  }

  /** Finishes the attempts in flight and hands back the tasks not started, then stops claiming. */
  async stop(): Promise<void> {
    this.active = false;
    this.wake();
    await this.loop;
    await this.release(this.ready.splice(0)).catch((err: unknown) => {
      log.error({ err }, "dispatcher: handing back waiting tasks failed; they return when their lease runs out");
    });
    await Promise.allSettled([...this.inFlight]);
    await Promise.allSettled([...this.writes]);
    await this.agent.close().catch(() => {});
  }

  wake(): void {
    this.starved = false;
    this.notify();
  }

  /** Remembered until the loop next claims, so a notice that comes mid-claim is not lost. */
  private notify(): void {
    this.woken = true;
    this.signal?.();
  }

  private async run(): Promise<void> {
    while (this.active) {
      const room = this.claimRoom();
      const asked = Math.min(room, 100);
      const ready = this.readyToClaim();
      let claimed = 0;
      if (ready) {
        this.woken = false;
        try {
          const tasks = await this.claim(asked);
          claimed = tasks.length;
          this.starved = claimed === 0;
          for (const task of tasks) {
            this.hold(task, 1);
            this.ready.push(task);
          }
          this.startReady();
          await this.housekeeping.runIfDue();
        } catch (err) {
          log.error({ err }, "dispatcher: claiming work failed; retrying in 1 s");
          await sleep(1000);
        }
      }
      // More may be due right away only when the claim came back full; otherwise wait for a wake-up,
      // room to claim or the poll (claiming again at once would mostly find nothing).
      if (!ready || claimed < asked) await this.waitForSignal();
    }
  }

  /** Outcomes still being written count once they pile up: the database sets the pace. */
  private backlog(): number {
    return Math.max(0, this.writes.size - 4 * this.opts.concurrency);
  }

  /** Tasks this process may still claim: a slot each, and as many again to wait for one. */
  private claimRoom(): number {
    return 2 * this.opts.concurrency - this.inFlight.size - this.ready.length - this.backlog();
  }

  /**
   * Claim when room for a batch has opened (or nothing is held), not for every attempt that ends:
   * one claim per delivery would make the claim query the busiest statement in the database.
   */
  private readyToClaim(): boolean {
    const room = this.claimRoom();
    return room > 0 && (room >= this.minClaim || this.inFlight.size + this.ready.length === 0);
  }

  /**
   * At most `endpointHold` tasks held per endpoint and `appHold` per application in this process
   * (`endpointShare`, `appShare` of them in flight); those within a batch of their share sit this claim out,
   * so claims come in batches. Once the held tasks reach the reserve, applications past
   * `smallHold` sit out too.
   */
  private claim(limit: number): Promise<Claimed[]> {
    const openRoom = this.openRoom();
    const busy = [...this.held].filter(([, n]) => n > this.endpointHold - this.minClaim).map(([id]) => id);
    const busyApps = [...this.appHeld]
      .filter(([, n]) => n > this.appHold - this.minClaim || (openRoom === 0 && n >= this.smallHold))
      .map(([id]) => id);
    const bulkRoom = Math.max(0, this.bulkHold - this.bulkHeld);
    this.sidelined = { endpoints: new Set(busy), apps: new Set(busyApps), bulk: bulkRoom < this.minClaim, open: openRoom < this.minClaim };
    return claimTasks(this.opts.db, {
      limit,
      leaseMs: this.leaseMs,
      endpointHold: this.endpointHold,
      held: this.held,
      busy,
      appHold: this.appHold,
      appHeld: this.appHeld,
      busyApps,
      bulkRoom,
      openRoom,
      smallHold: this.smallHold,
    });
  }

  /** Held tasks applications past `smallHold` may still add before the reserve. */
  private openRoom(): number {
    return Math.max(0, 2 * this.opts.concurrency - this.reservedHold - this.inFlight.size - this.ready.length);
  }

  /**
   * Whether something that sat the last claim out has room again now that `task` is done. Each
   * counts once per claim: claiming again on every finished attempt of a busy endpoint would make
   * the claim the busiest statement in the database and find nothing most times.
   */
  private roomAgain(task: Claimed): boolean {
    const s = this.sidelined;
    let again = false;
    if (s.endpoints.has(task.endpoint_id) && (this.held.get(task.endpoint_id) ?? 0) <= this.endpointHold - this.minClaim) {
      s.endpoints.delete(task.endpoint_id);
      again = true;
    }
    const app = this.appHeld.get(task.app_id) ?? 0;
    if (s.apps.has(task.app_id) && app <= this.appHold - this.minClaim && (app < this.smallHold || this.openRoom() > 0)) {
      s.apps.delete(task.app_id);
      again = true;
    }
    if (s.bulk && this.bulkHold - this.bulkHeld >= this.minClaim) {
      s.bulk = false;
      again = true;
    }
    if (s.open && this.openRoom() >= this.minClaim) {
      s.open = false;
      again = true;
    }
    return again;
  }

  /** Counts a task held (`by` 1) or let go (-1) by its endpoint, application and kind. */
  private hold(task: Claimed, by: 1 | -1): void {
    count(this.held, task.endpoint_id, by);
    count(this.appHeld, task.app_id, by);
    if (task.bulk) this.bulkHeld += by;
  }

  /** Whether a waiting task may take a free slot now (the caller checks that one is free). */
  private mayStart(task: Claimed, slots: number): boolean {
    const app = this.appRunning.get(task.app_id) ?? 0;
    if ((this.running.get(task.endpoint_id) ?? 0) >= this.endpointShare || app >= this.appShare) return false;
    if (task.bulk && this.bulkRunning >= this.bulkSlots) return false;
    return this.inFlight.size < slots - this.reserve || app < this.smallShare;
  }

  /** Starts waiting tasks while slots are free, skipping those whose endpoint, application or kind has filled its share. */
  private startReady(): void {
    const slots = this.opts.concurrency - this.backlog();
    const now = Date.now();
    for (let i = 0; i < this.ready.length && this.inFlight.size < slots && this.active; ) {
      const task = this.ready[i]!;
      if (!this.mayStart(task, slots)) {
        i++;
        continue;
      }
      this.ready.splice(i, 1);
      // Waited so long its lease may run out mid-attempt: leave it to whoever claims it next.
      if (now - task.claimedAt > this.leaseMs / 2) {
        this.hold(task, -1);
        continue;
      }
      this.track(task, this.process(task));
    }
  }

  private record(write: Promise<void>, task: Claimed): void {
    const p = write.catch((err: unknown) => {
      log.error({ err, taskId: task.id }, "dispatcher: recording an attempt failed; the task is retried after its lease");
    });
    this.writes.add(p);
    void p.finally(() => {
      this.writes.delete(p);
      // Written outcomes free slots only while they were holding claims back.
      if (this.writes.size >= 4 * this.opts.concurrency) this.notify();
    });
  }

  private track(task: Claimed, p: Promise<void>): void {
    this.inFlight.add(p);
    this.countRunning(task, 1);
    void p.finally(() => {
      this.inFlight.delete(p);
      this.countRunning(task, -1);
      this.hold(task, -1);
      this.startReady();
      // After a claim found nothing it may take, only something that sat it out getting room back
      // (or an empty dispatcher, a wake-up or the poll) is worth another claim; each finished
      // attempt is not.
      if (this.roomAgain(task)) this.starved = false;
      if (!this.starved || this.inFlight.size + this.ready.length === 0) this.notify();
    });
  }

  /** Counts an attempt started (1) or ended (-1) for its endpoint, application and kind. */
  private countRunning(task: Claimed, by: 1 | -1): void {
    count(this.running, task.endpoint_id, by);
    count(this.appRunning, task.app_id, by);
    if (task.bulk) this.bulkRunning += by;
  }

  private release(tasks: Claimed[]): Promise<void> {
    for (const task of tasks) this.hold(task, -1);
    return releaseTasks(this.opts.db, tasks);
  }

  private waitForSignal(): Promise<void> {
    if (!this.active) return Promise.resolve();
    // A wake-up only matters once we may claim: answering it earlier would spin this loop on
    // resolved promises and starve the very I/O that frees the slots.
    if (this.woken && this.readyToClaim()) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.signal = () => {
        this.signal = undefined;
        done();
      };
    });
  }

  private async process(task: Claimed): Promise<void> {
    try {
      if (task.disabled || task.payload === null || new Date(task.expires_at).getTime() <= Date.now()) {
        // Disabled endpoints and expunged messages receive nothing; the destination stays "fail" so a
        // recover after re-enabling picks it up.
        await this.finish(task, null, new Date());
        return;
      }
      if (task.throttle_rate !== null && task.held !== THROTTLE_SLOT && !(await takeThrottleSlot(this.opts.db, task))) return;
      // The attempt's time is when it was made, however long recording it takes.
      const at = new Date();
      const result = await this.attempt(task);
      // The slot is free once the receiver has answered; recording the attempt goes on beside the
      // next deliveries (group-committed). A crash before it is written only means a redelivery.
      this.record(this.finish(task, result, at), task);
    } catch (err) {
      // The lease runs out and another attempt is made: at-least-once, never lost.
      log.error({ err, taskId: task.id }, "dispatcher: a delivery task failed; it is retried after its lease");
    }
  }

  private attempt(task: Claimed): Promise<SendResult> {
    const now = Date.now();
    const timestamp = Math.floor(now / 1000);
    const secrets = [task.secret, ...task.old_secrets.filter((s) => Date.parse(s.expiresAt) > now).map((s) => s.key)];
    const signature = signatureHeader(secrets, task.msg_id, timestamp, task.payload!);
    return sendWebhook(this.agent, {
      url: task.url,
      headers: {
        ...task.headers,
        ...webhookHeaders(this.opts.headerStyle, task.msg_id, timestamp, signature),
        "content-type": "application/json",
      },
      body: task.payload!,
      timeoutMs: this.timeoutMs,
      ssrf: this.opts.ssrf,
    });
  }

  /** Successes are group-committed; anything else is written on its own with the task's next step. */
  private finish(task: Claimed, result: SendResult | null, at: Date): Promise<void> {
    if (succeeded(result)) return this.successes.add({ task, result, at });
    return recordFailure(this.opts.db, task, result, at, { retryScheduleMs: this.opts.retryScheduleMs, disableAfterMs: this.disableAfterMs });
  }
}

/** Adds `by` to a per-endpoint counter, dropping it at zero; returns the new value. */
function count(map: Map<string, number>, key: string, by: number): number {
  const n = (map.get(key) ?? 0) + by;
  if (n > 0) map.set(key, n);
  else map.delete(key);
  return n;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
