/**
 * `npm run bench:ui`: what the portal's screens cost a browser, on the production build.
 *
 * Builds when the sources changed (test/support/next-server.ts), runs `next start` on a free port
 * with a temporary DATA_DIR, seeds an application through the svix SDK (test/support/seed-portal.ts:
 * catalog, healthy/failing/disabled endpoints, messages) and drives Debian's Chromium:
 *   1. first-load JS per screen, compressed as `next start` serves it, beside /bench-blank (one
 *      static word: the framework floor of this build), measured the same way in the same run;
 *   2. whether recharts or the JSON viewer reach a screen that does not show them;
 *   3. framed by a host page on another site, median of --runs cold loads: FCP of the blank route
 *      (top-level: no page outside /embed may be framed), FCP of the delivery log and the time until
 *      its first row is in the DOM (ticket exchange and the first BFF page included).
 * Prints tables with the budgets; exits 1 when one fails. Options: --runs=N (default 5).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { launchBrowser } from "@/test/support/browser";
import { startNextServer } from "@/test/support/next-server";
import { mintLink } from "@/test/support/portal-browser";
import { seedPortal } from "@/test/support/seed-portal";
import { chunkContents, type Heavy } from "./ui-chunks";
import { framedLoad, startHostPage, topLevelFcp } from "./ui-embed";
import { coldLoad, type ColdLoad } from "./ui-load";

const ORG_TOKEN = "bench_ui_org_token_0123456789abcdefghij";
const CAPABILITIES = ["ViewBase", "ViewEndpointSecret", "ManageEndpointSecret", "ManageEndpoint", "CreateAttempts"];
export const BUDGETS = { logOverFloorBytes: 45_000, rowsOverBlankFcp: 4 };

type Screen = { name: string; route: string; path: (s: Ids) => string; shows: Heavy[]; budget?: number };
type Ids = { endpoint: string; message: string };

/** Each screen, its route folder under (portal)/, and the heavy parts it is allowed to load. */
const SCREENS: Screen[] = [
  { name: "endpoints", route: "endpoints", path: () => "endpoints", shows: [] },
  { name: "endpoint overview", route: "endpoints/[endpointId]", path: (s) => `endpoints/${s.endpoint}`, shows: ["recharts"] },
  { name: "endpoint secret", route: "endpoints/[endpointId]/secret", path: (s) => `endpoints/${s.endpoint}/secret`, shows: [] },
  { name: "delivery log", route: "messages", path: () => "messages", shows: [], budget: BUDGETS.logOverFloorBytes },
  { name: "message detail", route: "messages/[messageId]", path: (s) => `messages/${s.message}`, shows: ["jsonViewer"] },
  { name: "event catalog", route: "event-types", path: () => "event-types", shows: [] },
  { name: "event catalog, type open", route: "event-types", path: () => "event-types?type=invoice.paid", shows: ["jsonViewer"] },
  { name: "new endpoint", route: "endpoints/new", path: () => "endpoints/new", shows: [] },
];

/** Whether the build has a page for a (portal) route (a screen not written yet falls to not-found). */
function routeBuilt(route: string): boolean {
  const manifest = path.join(process.cwd(), ".next", "server", "app-paths-manifest.json");
  if (!existsSync(manifest)) throw new Error("no .next/server/app-paths-manifest.json: is this a production build?");
  const pages = Object.keys(JSON.parse(readFileSync(manifest, "utf8")) as Record<string, string>);
  return pages.includes(`/embed/[appId]/(portal)/${route}/page`);
}

const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
const ms = (v: number): string => `${v.toFixed(0)} ms`;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(" | ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.map(line)].join("\n");
}

function parseRuns(argv: string[]): number {
  let runs = 5;
  for (const arg of argv) {
    const m = /^--runs=(\d+)$/.exec(arg);
    if (!m) throw new Error(`unknown argument ${arg}; known: --runs=N`);
    runs = Math.max(1, Number(m[1]));
  }
  return runs;
}

async function main(): Promise<void> {
  const runs = parseRuns(process.argv.slice(2));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "porthole-bench-ui-"));
  const server = await startNextServer({ DATA_DIR: dataDir, CORE_API_TOKEN: ORG_TOKEN, DATABASE_URL: undefined, ENDPOINT_ALLOWLIST: "127.0.0.1/32", LOG_LEVEL: "warn" });
  const seed = await seedPortal(server.url, ORG_TOKEN, { messages: 20 });
  const browser = await launchBrowser();
  let frameUrl = "about:blank";
  const host = await startHostPage(() => frameUrl);
  const link = async (screenPath: string) => (await mintLink(server.url, ORG_TOKEN, seed.appId, { capabilities: CAPABILITIES, allowedOrigins: [host.origin] })).replace("#", `/${screenPath}#`);
  let failed = false;
  try {
    const ids = { endpoint: seed.endpoints.healthy, message: seed.messageIds[0]! };
    const chunks = chunkContents();
    const blankUrl = `${server.url}/bench-blank`;
    // Untimed: the server's first render of each route loads its modules.
    await coldLoad(browser, blankUrl, { portal: false });
    for (const s of SCREENS.filter((x) => routeBuilt(x.route))) await coldLoad(browser, await link(s.path(ids)), { portal: true });

    const floor = await coldLoad(browser, blankUrl, { portal: false });
    const encodings = new Map<string, number>();
    const countEncodings = (l: ColdLoad) => l.scripts.forEach((x) => encodings.set(x.encoding, (encodings.get(x.encoding) ?? 0) + 1));
    countEncodings(floor);
    const rows: string[][] = [["blank route (floor)", "/bench-blank", kB(floor.jsBytes), "", "", "", "", ""]];
    for (const s of SCREENS) {
      if (!routeBuilt(s.route)) {
        rows.push([s.name, s.path(ids), "not in this build", "", "", "", "", ""]);
        continue;
      }
      const load: ColdLoad = await coldLoad(browser, await link(s.path(ids)), { portal: true });
      countEncodings(load);
      const over = load.jsBytes - floor.jsBytes;
      const within = s.budget === undefined ? null : over <= s.budget;
      if (within === false) failed = true;
      const heavy = (k: Heavy) => {
        const here = load.scripts.some((x) => chunks.of(x.url).has(k));
        if (!here) return chunks.inBuild.has(k) ? "absent" : "absent (not in build)";
        if (s.shows.includes(k)) return "loaded (shown)";
        failed = true;
        return "PRESENT: FAIL";
      };
      rows.push([s.name, s.path(ids), kB(load.jsBytes), `+${kB(over)}`, s.budget === undefined ? "" : `≤ floor + ${kB(s.budget)}`, within === null ? "" : within ? "PASS" : "FAIL", heavy("recharts"), heavy("jsonViewer")]);
    }
    console.log(`First-load JS per screen: compressed bytes of every script on a cold load, 1280 px (scripts by content-encoding: ${[...encodings].map(([k, n]) => `${k} ${n}`).join(", ")}; next start leaves responses under 1 kB uncompressed)`);
    console.log(table(["screen", "path", "JS", "over floor", "budget", "ok?", "recharts", "JSON viewer"], rows));

    const logBuilt = routeBuilt("messages");
    const target = logBuilt ? { path: "messages", selector: 'a[href*="/messages/msg_"]', name: "delivery log" } : { path: "endpoints", selector: 'a[href*="/endpoints/ep_"]', name: "endpoint list" };
    const figures = { blank: [] as number[], fcp: [] as number[], rows: [] as number[] };
    frameUrl = await link(target.path);
    await framedLoad(browser, host.origin, server.url, target.selector);
    await topLevelFcp(browser, blankUrl);
    // Interleaved, so a busy moment on the machine lands on both sides.
    for (let i = 0; i < runs; i++) {
      figures.blank.push(await topLevelFcp(browser, blankUrl));
      frameUrl = await link(target.path);
      const r = await framedLoad(browser, host.origin, server.url, target.selector);
      figures.fcp.push(r.fcp);
      figures.rows.push(r.rows);
    }
    const blank = median(figures.blank);
    const rowsRatio = median(figures.rows) / blank;
    const rowsOk = rowsRatio <= BUDGETS.rowsOverBlankFcp;
    if (!rowsOk) failed = true;
    const all = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(", ");
    console.log("");
    console.log(`Embedded (host page on ${new URL(host.origin).host} framing the portal on ${new URL(server.url).host}), median of ${runs} cold loads${logBuilt ? "" : "; the log screen is not in this build: the endpoint list's rows stand in"}`);
    console.log(
      table(
        ["metric", "median", "runs (ms)", "× blank FCP", "budget", "ok?"],
        [
          ["blank route FCP (top-level)", ms(blank), all(figures.blank), "1.00×", "", ""],
          [`${target.name} FCP (framed)`, ms(median(figures.fcp)), all(figures.fcp), `${(median(figures.fcp) / blank).toFixed(2)}×`, "", ""],
          [`${target.name} rows visible (framed)`, ms(median(figures.rows)), all(figures.rows), `${rowsRatio.toFixed(2)}×`, `≤ ${BUDGETS.rowsOverBlankFcp}×`, rowsOk ? "PASS" : "FAIL"],
        ],
      ),
    );
  } finally {
    await browser.close();
    await host.close();
    await seed.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
