/**
 * `npm start`: validates the configuration, builds when the build is missing or older than the
 * sources, then runs the Next.js server (which migrates, seeds and starts the dispatcher).
 */
import { spawn, spawnSync } from "node:child_process";
import { EnvError, parseEnv } from "../lib/env";
import { needsBuild, nextBin, root } from "./build-check";

try {
  const env = parseEnv();
  if (needsBuild()) {
    console.log("Building Porthole (first start or sources changed)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const server = spawn(process.execPath, [nextBin, "start", "--port", String(env.port)], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} catch (err) {
  console.error(err instanceof EnvError ? err.message : err);
  process.exit(1);
}
