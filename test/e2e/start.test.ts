import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { LOCK_FILE } from "@/lib/db/data-dir-lock";
import { nextBin, root } from "../../scripts/build-check";
import { freePort, npmStart, type Started } from "../support/npm-start";

/** `npm start` the way a newcomer meets it: the build, the ready block, DATA_DIR's lock, a taken port. */

const temp = mkdtempSync(path.join(os.tmpdir(), "porthole-start-"));
const started: Started[] = [];
afterAll(async () => {
  for (const s of started) await s.kill();
  rmSync(temp, { recursive: true, force: true });
});

function start(env: Record<string, string>): Started {
  const s = npmStart(env);
  started.push(s);
  return s;
}

function secretsOf(dataDir: string): { coreApiToken: string; portholeSecret: string } {
  return JSON.parse(readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as { coreApiToken: string; portholeSecret: string };
}

async function api(base: string, token: string, route: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${base}${route}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers } });
}

async function poll<T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await fn();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test("next build opens no DATA_DIR: no database, no secrets, no seed", async () => {
  const dataDir = path.join(temp, "never-created");
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" };
  for (const k of Object.keys(env)) if (k.startsWith("VITEST") || k === "NODE_ENV" || k === "DATABASE_URL") delete env[k];
  const build = spawn(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  const out: string[] = [];
  build.stdout.on("data", (c: Buffer) => out.push(c.toString()));
  build.stderr.on("data", (c: Buffer) => out.push(c.toString()));
  const code = await new Promise<number | null>((resolve) => build.once("exit", resolve));
  expect(code, out.join("")).toBe(0);
  expect(existsSync(dataDir)).toBe(false);
  expect(out.join("")).not.toMatch(/Porthole is ready|org token/i);
}, 600_000);

test("two servers on one DATA_DIR: the second is refused, the first keeps serving and nothing is lost; a stale lock is taken over", async () => {
  const dataDir = path.join(temp, "shared");
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const first = start({ PORT: String(port), DATA_DIR: dataDir });
  await first.ready();
  const { coreApiToken: token, portholeSecret } = secretsOf(dataDir);

  // The ready block comes last, after Next.js says it is ready, and never shows a secret.
  const out = first.output();
  const block = out.slice(out.indexOf("Porthole is ready at"));
  expect(out.indexOf("Ready in")).toBeGreaterThan(-1);
  expect(out.indexOf("Ready in")).toBeLessThan(out.indexOf("Porthole is ready at"));
  expect(block).toContain(`Porthole is ready at ${base}`);
  expect(block).toMatch(/core +embedded/);
  expect(block).toContain(`PGlite in ${path.join(dataDir, "pgdata")}`);
  expect(block).toContain(`generated into ${path.join(dataDir, "secrets.json")}`);
  expect(block).toMatch(/demo +application "demo" \(app_/);
  expect(out).not.toContain(token);
  expect(out).not.toContain(portholeSecret);
  // Its token command, run as printed, yields the org token.
  const exportLine = /export PORTHOLE_TOKEN=\$\((.+)\)\n/.exec(block)?.[1];
  expect(exportLine).toBeDefined();
  expect(spawnSync("bash", ["-c", exportLine!], { encoding: "utf8" }).stdout.trim()).toBe(token);

  // The demo endpoint's first delivery is green.
  const created = await api(base, token, "/api/v1/app/demo/msg", { method: "POST", body: JSON.stringify({ eventType: "invoice.paid", payload: { id: "in_lock" } }) });
  expect(created.status).toBe(202);
  const msg = (await created.json()) as { id: string };
  const attempts = await poll(
    async () => (await (await api(base, token, `/api/v1/app/demo/attempt/msg/${msg.id}`)).json()) as { data: { responseStatusCode: number }[] },
    (p) => p.data.length > 0,
    "the demo delivery",
  );
  expect(attempts.data[0]!.responseStatusCode).toBe(200);

  const holder = Number(readFileSync(path.join(dataDir, LOCK_FILE), "utf8"));
  // A second `npm start`, and a bare `next start` (no preflight: the server's own lock refuses it).
  const second = start({ PORT: String(await freePort()), DATA_DIR: dataDir });
  const bare = npmStart({ PORT: String(await freePort()), DATA_DIR: dataDir }, [nextBin, "start", "--port", String(await freePort())]);
  started.push(bare);
  for (const refused of [second, bare]) {
    const exit = await refused.exited;
    expect(exit.code, refused.output()).toBe(1);
    expect(refused.output()).toContain(`DATA_DIR ${dataDir} is in use by another Porthole process (pid ${holder})`);
    expect(refused.output()).toContain("set DATABASE_URL");
    expect(refused.output()).not.toMatch(/\n\s+at /); // no stack trace
  }

  // The first still serves, with its data.
  expect((await api(base, token, `/api/v1/app/demo/msg/${msg.id}`)).status).toBe(200);
  await first.stop();
  expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);

  // A fresh start reads it; killed outright, it leaves a stale lock that the next start takes over.
  const again = start({ PORT: String(port), DATA_DIR: dataDir });
  await again.ready();
  expect(again.output()).toContain("kept in");
  expect((await api(base, token, `/api/v1/app/demo/msg/${msg.id}`)).status).toBe(200);
  await again.kill();
  expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(true);
  const afterKill = start({ PORT: String(port), DATA_DIR: dataDir });
  await afterKill.ready();
  expect((await api(base, token, `/api/v1/app/demo/msg/${msg.id}`)).status).toBe(200);
  await afterKill.stop();
}, 600_000);

test("a lock left by a process that is gone is taken over", async () => {
  const dataDir = path.join(temp, "stale");
  const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
  spawnSync("mkdir", ["-p", dataDir]);
  writeFileSync(path.join(dataDir, LOCK_FILE), `${gone}\n`);
  const port = await freePort();
  const s = start({ PORT: String(port), DATA_DIR: dataDir });
  await s.ready();
  expect((await fetch(`http://localhost:${port}/api/v1/health`)).ok).toBe(true);
  expect(readFileSync(path.join(dataDir, LOCK_FILE), "utf8").trim()).not.toBe(gone);
  await s.stop();
}, 300_000);

test("a port in use: one line naming the port and PORT, exit non-zero", async () => {
  const taken = net.createServer();
  await new Promise<void>((resolve) => taken.listen(0, resolve));
  const port = (taken.address() as net.AddressInfo).port;
  try {
    const s = start({ PORT: String(port), DATA_DIR: path.join(temp, "port") });
    const exit = await s.exited;
    expect(exit.code).not.toBe(0);
    expect(s.output().trim()).toBe(`Port ${port} is in use; set PORT to another port.`);
  } finally {
    await new Promise<void>((resolve) => taken.close(() => resolve()));
  }
}, 120_000);
