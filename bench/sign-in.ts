/**
 * `npm run bench:sign-in`: how long asking for a sign-in link takes for a member and for a
 * stranger, on the production server (`next build` first when the build is stale), and whether a
 * threshold on that time tells them apart. Prints both medians, their ratio, and the best
 * threshold's accuracy (50 % = a coin toss), beside the server's floor (GET /api/auth/csrf)
 * measured in the same run.
 *
 * Each request is what the login form sends (CSRF token, then the email form), for an address
 * not used before (the per-address limit stays out of the way) from its own X-Forwarded-For
 * address (so does the per-client one). Members and strangers are interleaved in a seeded order,
 * one request at a time, with a pause after each so the mail written after the answer is not
 * timed against the next one. No EMAIL_SERVER: members' mail goes to DATA_DIR/outbox.
 *
 * DATABASE_URL set: a fresh database on that server, dropped afterwards; unset: PGlite in DATA_DIR.
 * Options: --requests=N (timed per kind, after 20 untimed each).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { testDatabase } from "@/test/support/database";
import { startNextServer } from "@/test/support/next-server";
import { millis, percentile, ratio, table } from "./stats";

const ORG_TOKEN = "ph_org_bench_sign_in_0123456789abcdef";
const WARMUP = 20;
const PAUSE_MS = 25;

function options(argv: string[]) {
  let requests = 200;
  for (const arg of argv) {
    const m = /^--requests=(\d+)$/.exec(arg);
    if (!m) throw new Error(`unknown argument ${arg}; known: --requests=`);
    requests = Number(m[1]);
  }
  return { requests };
}

/** A small deterministic generator, so two runs interleave alike. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

/** The best accuracy any single threshold reaches at telling the two samples apart. */
function thresholdAccuracy(members: number[], strangers: number[]): number {
  const all = [...members.map((t) => ({ t, member: true })), ...strangers.map((t) => ({ t, member: false }))].sort((a, b) => a.t - b.t);
  // Threshold below index i: "slower means member" (or the other way round, whichever is better).
  let best = 0;
  let membersBelow = 0;
  let strangersBelow = 0;
  for (let i = 0; i <= all.length; i++) {
    const slowerIsMember = (strangersBelow + (members.length - membersBelow)) / all.length;
    best = Math.max(best, slowerIsMember, 1 - slowerIsMember);
    const next = all[i];
    if (next?.member) membersBelow++;
    else if (next) strangersBelow++;
  }
  return best;
}

async function main(): Promise<void> {
  const { requests } = options(process.argv.slice(2));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "porthole-bench-sign-in-"));
  const postgres = process.env.DATABASE_URL ? await testDatabase() : undefined;
  console.log("starting the production server (building first when the build is stale)…");
  // The bench plays one proxy in front of the server (TRUSTED_PROXIES=1), so each request's
  // X-Forwarded-For is its client: hundreds of clients, none of them past the per-IP limit.
  const server = await startNextServer({ DATA_DIR: dataDir, DATABASE_URL: postgres?.url, CORE_API_TOKEN: ORG_TOKEN, TRUSTED_PROXIES: "1" });
  try {
    const api = (p: string, init: RequestInit = {}) =>
      fetch(server.url + p, { ...init, headers: { authorization: `Bearer ${ORG_TOKEN}`, "content-type": "application/json", ...init.headers } });
    const app = (await (await api("/api/v1/app", { method: "POST", body: JSON.stringify({ name: "Bench sign-in" }) })).json()) as { id: string };
    const total = WARMUP + requests;
    for (let i = 0; i < total; i++) {
      const res = await api(`/api/admin/apps/${app.id}/members/${encodeURIComponent(`member-${i}@customer.example`)}`, { method: "PUT", body: "{}" });
      if (!res.ok) throw new Error(`PUT member: ${res.status} ${await res.text()}`);
    }

    let client = 0;
    /** One sign-in request as the login form makes it; resolves with the POST's time in ms. */
    async function ask(email: string): Promise<number> {
      const ip = `198.51.${Math.floor(++client / 250) % 250}.${(client % 250) + 1}`;
      const csrfRes = await fetch(`${server.url}/api/auth/csrf`, { headers: { "x-forwarded-for": ip } });
      const cookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
      const started = performance.now();
      const res = await fetch(`${server.url}/api/auth/signin/email`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url, cookie, "x-forwarded-for": ip },
        body: new URLSearchParams({ email, csrfToken, callbackUrl: "/apps" }),
      });
      await res.arrayBuffer();
      const ms = performance.now() - started;
      const to = res.headers.get("location") ?? "";
      if (res.status !== 302 || !to.includes("/verify-request")) throw new Error(`sign-in for ${email}: ${res.status} → ${to}`);
      await sleep(PAUSE_MS);
      return ms;
    }

    async function floor(): Promise<number> {
      const started = performance.now();
      await (await fetch(`${server.url}/api/auth/csrf`)).arrayBuffer();
      return performance.now() - started;
    }

    const next = rng(20261201);
    const order = Array.from({ length: 2 * total }, (_, i) => i % 2 === 0);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const members: number[] = [];
    const strangers: number[] = [];
    const floors: number[] = [];
    let m = 0;
    let s = 0;
    for (const isMember of order) {
      const ms = isMember ? await ask(`member-${m++}@customer.example`) : await ask(`stranger-${s++}@elsewhere.example`);
      const warm = isMember ? m > WARMUP : s > WARMUP;
      if (warm) (isMember ? members : strangers).push(ms);
      if (warm) floors.push(await floor());
    }

    const member = median(members);
    const stranger = median(strangers);
    const accuracy = thresholdAccuracy(members, strangers);
    console.log(`\n${requests} timed sign-in requests each, one at a time (${WARMUP} untimed each first)\n`);
    console.log(
      table([
        { metric: "member median", value: millis(member), baseline: `stranger ${millis(stranger)}`, ratio: ratio(member / stranger), target: "≤ 1.10×", ok: member / stranger <= 1.1 ? "yes" : "NO" },
        { metric: "member p95", value: millis(percentile([...members].sort((a, b) => a - b), 95)), baseline: `stranger ${millis(percentile([...strangers].sort((a, b) => a - b), 95))}`, ratio: "", target: "", ok: "" },
        { metric: "best threshold tells apart", value: `${(accuracy * 100).toFixed(1)} %`, baseline: "coin toss 50.0 %", ratio: "", target: "≤ 60 %", ok: accuracy <= 0.6 ? "yes" : "NO" },
        { metric: "server floor (GET csrf)", value: millis(median(floors)), baseline: "", ratio: "", target: "", ok: "" },
      ]),
    );
  } finally {
    await server.stop();
    await postgres?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
