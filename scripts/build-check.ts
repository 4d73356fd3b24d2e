/** Whether the production build is missing or older than the sources (shared by `npm start` and tests). */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const root = path.resolve(import.meta.dirname, "..");
export const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
/** `node` arguments for `next start`: the preload first, so route handlers know the socket's address. */
export const nextStartArgs = (port: number, ...more: string[]): string[] => [
  "--import",
  pathToFileURL(path.join(root, "scripts", "peer-address.mjs")).href,
  nextBin,
  "start",
  "--port",
  String(port),
  ...more,
];
const SOURCES = ["app", "lib", "components", "i18n", "messages", "public", "drizzle", "instrumentation.ts", "next.config.mjs", "postcss.config.mjs", "proxy.ts", "package-lock.json"];

function newestSourceMtime(entry: string): number {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(full).map((child) => newestSourceMtime(path.join(entry, child))));
}

export function needsBuild(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestSourceMtime(s) > built);
}
