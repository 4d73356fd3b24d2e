/**
 * `npm start`: validates the configuration, checks that the port and DATA_DIR are free, builds
 * when the build is missing or older than the sources, then runs the Next.js server (which
 * migrates, seeds, starts the dispatcher and prints where everything is once it is up).
 */
import { spawn, spawnSync } from "node:child_process";
import net from "node:net";
import { dataDirHolder, DataDirLockedError } from "../lib/db/data-dir-lock";
import { EnvError, parseEnv } from "../lib/env";
import { needsBuild, nextBin, nextStartArgs, root } from "./build-check";

/** A start-up refusal: one line (or paragraph) for the person at the terminal, no stack trace. */
class Refusal extends Error {}

/** Listens on the port the way `next start` will (every address), so a taken port is found before the build. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (err: NodeJS.ErrnoException) => (err.code === "EADDRINUSE" ? resolve(false) : reject(err)));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

async function preflight(port: number, dataDir: string, pglite: boolean): Promise<void> {
  // The server takes the lock itself; asking first saves a build that would be refused anyway.
  const holder = pglite ? dataDirHolder(dataDir) : null;
  if (holder !== null) throw new Refusal(new DataDirLockedError(dataDir, holder).message);
  if (!(await portFree(port))) throw new Refusal(`Port ${port} is in use; set PORT to another port.`);
}

async function main(): Promise<number> {
  const env = parseEnv();
  await preflight(env.port, env.dataDir, !env.databaseUrl);
  if (needsBuild()) {
    console.log("Building Porthole (first start or sources changed)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) return build.status ?? 1;
    // The build took a while: whoever took the port meanwhile is found here, not by a stack trace.
    await preflight(env.port, env.dataDir, !env.databaseUrl);
  }
  const server = spawn(process.execPath, nextStartArgs(env.port), {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  return new Promise((resolve) => server.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof EnvError || err instanceof Refusal ? err.message : err);
    process.exit(1);
  },
);
