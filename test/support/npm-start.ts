import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { root } from "../../scripts/build-check";

export type Started = {
  pid: number;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once the ready block has been printed; rejects when the process exits first. */
  ready(timeoutMs?: number): Promise<void>;
  /** SIGTERM to the whole process group (npm start, then next-server), as Ctrl-C would. */
  stop(): Promise<void>;
  /** SIGKILL to the whole group: nothing gets to clean up. */
  kill(): Promise<void>;
};

const READY = /Porthole is ready at /;

/**
 * `npm start` as a newcomer runs it (scripts/start.ts, which builds when needed and runs
 * `next start`), in its own process group so that every process it starts can be stopped.
 */
export function npmStart(env: Record<string, string | undefined>, argv: string[] = ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"]): Started {
  const child = spawn(process.execPath, argv, { cwd: root, env: cleanEnv(env), stdio: ["ignore", "pipe", "pipe"], detached: true });
  if (child.pid === undefined) throw new Error("could not start npm start");
  const pid = child.pid;
  const chunks: string[] = [];
  child.stdout!.on("data", (c: Buffer) => chunks.push(c.toString()));
  child.stderr!.on("data", (c: Buffer) => chunks.push(c.toString()));
  const reap = () => signalGroup(pid, "SIGKILL");
  process.once("exit", reap);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      process.off("exit", reap);
      resolve({ code, signal });
    }),
  );
  const output = () => chunks.join("");
  return {
    pid,
    output,
    exited,
    async ready(timeoutMs = 240_000) {
      const deadline = Date.now() + timeoutMs;
      while (!READY.test(output())) {
        if (!running(child)) throw new Error(`npm start exited before it was ready:\n${output()}`);
        if (Date.now() > deadline) throw new Error(`npm start was not ready within ${timeoutMs} ms:\n${output()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop() {
      if (!running(child)) return;
      signalGroup(pid, "SIGTERM");
      const timer = setTimeout(() => signalGroup(pid, "SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
      await groupGone(pid);
    },
    async kill() {
      signalGroup(pid, "SIGKILL");
      await exited;
      await groupGone(pid);
    },
  };
}

function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** The group leader exiting does not mean next-server has: wait until nothing in the group is left. */
async function groupGone(pid: number): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try {
      process.kill(-pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  signalGroup(pid, "SIGKILL");
}

/** The test runner's own settings (NODE_ENV=test, a shared DATABASE_URL…) are not the server's. */
function cleanEnv(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const skip = new Set(["NODE_ENV", "DATABASE_URL", "CORE_API_URL", "CORE_API_TOKEN", "PORTHOLE_SECRET", "PORT", "PORTAL_URL", "DATA_DIR", "LOG_LEVEL"]);
  const out: NodeJS.ProcessEnv = { NODE_ENV: "production" };
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !skip.has(k) && !k.startsWith("VITEST")) out[k] = v;
  out.NEXT_TELEMETRY_DISABLED = "1";
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) out[k] = v;
  return out;
}

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}
