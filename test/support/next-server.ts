import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { needsBuild, nextBin, nextStartArgs, root } from "../../scripts/build-check";

export type NextServer = {
  url: string;
  port: number;
  /** Stops the server (SIGTERM to its whole process group, SIGKILL if it lingers). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same environment (after `stop`). */
  start(): Promise<void>;
  /** Everything the server printed, for failure messages. */
  output(): string;
};

/**
 * The real production server: `next build` when the build is missing or older than the sources
 * (once, under a lock, so parallel test files do not build on top of each other), then
 * `next start` on a free 127.0.0.1 port with `env` (over a clean copy of the test's own).
 */
export async function startNextServer(env: Record<string, string | undefined>): Promise<NextServer> {
  await ensureBuild();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const fullEnv = serverEnv({ PORT: String(port), PORTAL_URL: url, ...env });
  let child: ChildProcess | null = null;
  const lines: string[] = [];

  const server: NextServer = {
    url,
    port,
    output: () => lines.join(""),
    async start() {
      const started = spawn(process.execPath, nextStartArgs(port, "--hostname", "127.0.0.1"), {
        cwd: root,
        env: fullEnv,
        stdio: ["ignore", "pipe", "pipe"],
        // Its own process group, so stop() reaches every process it starts.
        detached: true,
      });
      child = started;
      const reap = () => killGroup(started, "SIGKILL");
      process.once("exit", reap);
      started.once("exit", () => process.off("exit", reap));
      started.stdout.on("data", (c: Buffer) => lines.push(c.toString()));
      started.stderr.on("data", (c: Buffer) => lines.push(c.toString()));
      await waitUntilServing(url, started, () => lines.join(""));
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
      killGroup(running, "SIGTERM");
      const timer = setTimeout(() => killGroup(running, "SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
      // Anything the server started and left behind in its group goes too.
      signalGroup(running.pid, "SIGKILL");
    },
  };
  await server.start();
  return server;
}

function serverEnv(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { NODE_ENV: "production" };
  // The test runner's own settings (NODE_ENV=test, a shared DATABASE_URL…) are not the server's.
  const skip = new Set(["NODE_ENV", "DATABASE_URL", "CORE_API_URL", "CORE_API_TOKEN", "PORTHOLE_SECRET", "EMAIL_SERVER", "EMAIL_FROM", "NEXTAUTH_URL", "AUTH_TRUST_HOST"]);
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !skip.has(k) && !k.startsWith("VITEST")) out[k] = v;
  out.NEXT_TELEMETRY_DISABLED = "1";
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) out[k] = v;
  return out;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode === null && child.signalCode === null) signalGroup(child.pid, signal);
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`next start exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
    try {
      const res = await fetch(`${url}/api/v1/health/ping`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  killGroup(child, "SIGKILL");
  throw new Error(`next start did not answer within 60 s:\n${output()}`);
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

const lockDir = path.join(os.tmpdir(), `porthole-next-build-${createHash("sha256").update(root).digest("hex").slice(0, 12)}.lock`);

async function ensureBuild(): Promise<void> {
  if (!needsBuild()) return;
  await acquireLock();
  try {
    // Another test file may have built while this one waited.
    if (needsBuild()) await build();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

async function acquireLock(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(path.join(lockDir, "pid"), String(process.pid));
      return;
    } catch {
      if (lockHolderGone()) rmSync(lockDir, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
}

function lockHolderGone(): boolean {
  try {
    process.kill(Number(readFileSync(path.join(lockDir, "pid"), "utf8")), 0);
    return false;
  } catch (err) {
    // EPERM: alive but not ours. No pid file yet: the holder is between mkdir and write.
    const code = (err as NodeJS.ErrnoException).code;
    return code === "ESRCH";
  }
}

function build(): Promise<void> {
  // Prerendering boots the runtime (instrumentation): give it a throwaway data directory.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "porthole-build-"));
  return new Promise<void>((resolve, reject) => {
    const out: string[] = [];
    const child = spawn(process.execPath, [nextBin, "build"], {
      cwd: root,
      env: serverEnv({ DATA_DIR: dataDir }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (c: Buffer) => out.push(c.toString()));
    child.stderr.on("data", (c: Buffer) => out.push(c.toString()));
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (${code}):\n${out.join("")}`))));
  }).finally(() => rmSync(dataDir, { recursive: true, force: true }));
}
