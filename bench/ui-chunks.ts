import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Strings that only the heavy parts' code contains: recharts' own class names, and the JSON
 * viewer's syntax colours (the --ph-code-* tokens: nothing else on the portal colours code).
 */
export const MARKERS = {
  recharts: ["recharts-wrapper", "recharts-surface"],
  jsonViewer: ["text-code-key", "--ph-code-key", "color-code-key"],
} as const;
export type Heavy = keyof typeof MARKERS;

const STATIC = path.join(process.cwd(), ".next", "static");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : full.endsWith(".js") ? [full] : [];
  });
}

/** Which heavy parts a chunk holds, read from the build on disk (`/_next/static/…` → `.next/static/…`). */
export function chunkContents(): { of(url: string): Set<Heavy>; inBuild: Set<Heavy> } {
  const cache = new Map<string, Set<Heavy>>();
  const inBuild = new Set<Heavy>();
  const scan = (file: string): Set<Heavy> => {
    const hit = cache.get(file);
    if (hit) return hit;
    const text = readFileSync(file, "utf8");
    const found = new Set((Object.keys(MARKERS) as Heavy[]).filter((k) => MARKERS[k].some((m) => text.includes(m))));
    cache.set(file, found);
    return found;
  };
  // Whether a marker appears anywhere tells "absent from this screen" apart from "not built at all".
  for (const file of walk(STATIC)) for (const k of scan(file)) inBuild.add(k);
  return {
    inBuild,
    of(url: string) {
      const p = new URL(url).pathname;
      if (!p.startsWith("/_next/static/")) return new Set();
      return scan(path.join(STATIC, decodeURIComponent(p.slice("/_next/static/".length))));
    },
  };
}
