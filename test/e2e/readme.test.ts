import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { root } from "../../scripts/build-check";
import { freePort, npmStart, type Started } from "../support/npm-start";

/**
 * README's first steps, run as written on a fresh `npm start`: every ts and sh block of "Send your
 * first message" and "Embedding the portal", in order, in one shell, from a folder whose
 * `.porthole` is the server's DATA_DIR. The one change made to them: the server's port for 3000.
 * curl fails on an HTTP error here, so a 4xx in any snippet fails the test.
 */

type Block = { lang: "ts" | "sh"; code: string };

/** The fenced blocks of the section under `heading`, up to the next heading of any level. */
function blocksUnder(markdown: string, heading: string): Block[] {
  const lines = markdown.split("\n");
  const at = lines.indexOf(heading);
  if (at === -1) throw new Error(`README has no "${heading}"`);
  const blocks: Block[] = [];
  let open: { lang: string; code: string[] } | null = null;
  for (const line of lines.slice(at + 1)) {
    if (open) {
      if (line.startsWith("```")) {
        if (open.lang === "ts" || open.lang === "sh") blocks.push({ lang: open.lang, code: open.code.join("\n") });
        open = null;
      } else {
        open.code.push(line);
      }
    } else if (line.startsWith("```")) {
      open = { lang: line.slice(3).trim(), code: [] };
    } else if (/^#{1,6} /.test(line)) {
      break; // a heading outside a code block ends the section
    }
  }
  return blocks;
}

const work = mkdtempSync(path.join(os.tmpdir(), "porthole-readme-"));
let server: Started | undefined;
afterAll(async () => {
  await server?.kill();
  rmSync(work, { recursive: true, force: true });
});

test("every README snippet of the first steps runs as written, in order, on a fresh npm start", async () => {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const blocks = [...blocksUnder(readme, "## Send your first message"), ...blocksUnder(readme, "### Embedding the portal")];
  expect(blocks.map((b) => b.lang)).toEqual(["sh", "sh", "ts", "sh"]);

  const port = await freePort();
  const base = `http://localhost:${port}`;
  server = npmStart({ PORT: String(port), DATA_DIR: path.join(work, ".porthole") });
  await server.ready();

  // The snippets' folder: the data directory as `.porthole`, and this repository's packages.
  symlinkSync(path.join(root, "node_modules"), path.join(work, "node_modules"));
  mkdirSync(path.join(work, "snippets"));
  const script = ["set -euo pipefail", 'curl() { command curl -sS --fail-with-body "$@"; echo; }'];
  blocks.forEach((block, i) => {
    const code = block.code.replaceAll("http://localhost:3000", base);
    if (block.lang === "sh") {
      script.push(code);
    } else {
      const file = path.join("snippets", `block-${i}.mts`);
      writeFileSync(path.join(work, file), code);
      script.push(`${JSON.stringify(path.join(root, "node_modules", ".bin", "tsx"))} ${file}`);
    }
  });
  // A newcomer's shell: no PORTHOLE_TOKEN until the first snippet sets it.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME ?? work, NODE_ENV: "development" };
  const run = spawn("bash", ["-c", script.join("\n")], { cwd: work, env, stdio: ["ignore", "pipe", "pipe"] });
  const out: string[] = [];
  run.stdout.on("data", (c: Buffer) => out.push(c.toString()));
  run.stderr.on("data", (c: Buffer) => out.push(c.toString()));
  const code = await new Promise<number | null>((resolve) => run.once("exit", resolve));
  const printed = out.join("");
  expect(code, `${printed}\n--- server ---\n${server.output()}`).toBe(0);

  // What they did: the demo message and Acme's reached the demo receiver, a portal link came back.
  expect(printed).toMatch(/"eventType":"invoice.paid"/);
  expect(printed).toContain(`"url":"${base}/embed/app_`);
  const token = (JSON.parse(readFileSync(path.join(work, ".porthole", "secrets.json"), "utf8")) as { coreApiToken: string }).coreApiToken;
  for (let i = 0; i < 50; i++) {
    const got = (await (await fetch(`${base}/demo/receiver`, { headers: { authorization: `Bearer ${token}` } })).json()) as { data: { body: string }[] };
    if (got.data.length >= 2) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const { data } = (await (await fetch(`${base}/demo/receiver`, { headers: { authorization: `Bearer ${token}` } })).json()) as { data: { body: string }[] };
  expect(data.map((d) => JSON.parse(d.body) as unknown)).toEqual([
    { id: "in_1", amount: 4200 },
    { id: "in_1", amount: 4200 },
  ]);

  // The production server's request lines carry the core's route pattern and the application:
  // the router that notes them and the handler that writes them live in different bundles.
  const lines = server
    .output()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines).toContainEqual(
    expect.objectContaining({ msg: "request", method: "POST", route: "/api/v1/app/{app_id}/msg", status: 202, appId: "demo" }),
  );
}, 600_000);
