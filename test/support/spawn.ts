import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

export type Spawned = {
  pid: number;
  /** The first stdout line matching `readyPattern`. */
  ready: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  kill(signal: NodeJS.Signals): void;
};

const live = new Set<Spawned>();

/**
 * SIGKILLs every child still running and waits for them: for an `afterEach`, which runs even when a
 * test timed out and never reached its own clean-up.
 */
export async function reapAll(): Promise<void> {
  const left = [...live];
  for (const p of left) p.kill("SIGKILL");
  await Promise.all(left.map((p) => p.exited));
}

/**
 * Runs a TypeScript entry point in its own process through tsx's loader, in the same process
 * (`node --import tsx`): the `tsx` CLI would run it in a grandchild, and a SIGKILL sent to the CLI
 * would leave the real process running. The `react-server` condition is the one Next.js builds
 * server code with, so `import "server-only"` resolves to nothing here too.
 */
export function spawnTs(script: string, env: NodeJS.ProcessEnv, readyPattern: RegExp): Spawned {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script], { cwd: process.cwd(), env, stdio: ["ignore", "pipe", "pipe"] });
  if (child.pid === undefined) throw new Error(`could not start ${script}`);
  const lines: string[] = [];
  // A test that times out never reaches its clean-up; the child must not outlive the test process.
  const reap = () => child.kill("SIGKILL");
  process.once("exit", reap);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => {
      process.off("exit", reap);
      resolve({ code, signal });
    });
  });
  const ready = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      lines.push(line);
      if (readyPattern.test(line)) resolve(line);
    });
    void exited.then(({ code, signal }) => reject(new Error(`${script} exited (${code ?? signal}) before it was ready:\n${lines.join("\n")}`)));
  });
  createInterface({ input: child.stderr }).on("line", (line) => lines.push(line));
  const spawned: Spawned = {
    pid: child.pid,
    ready,
    exited,
    output: () => lines.join("\n"),
    kill: (signal) => child.kill(signal),
  };
  live.add(spawned);
  void exited.then(() => live.delete(spawned));
  return spawned;
}
