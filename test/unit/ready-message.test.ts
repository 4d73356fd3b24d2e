import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { parseEnv } from "@/lib/env";
import { readyMessage, startupSetup } from "@/lib/ready-message";
import type { Secrets } from "@/lib/secrets";

const secrets = (over: Partial<Secrets> = {}): Secrets => ({
  coreApiToken: "ph_org_the-token-itself",
  portholeSecret: "the-server-secret-the-server-secret-0123",
  generated: [],
  file: "/srv/porthole data/it's/secrets.json",
  ...over,
});

function message(source: Record<string, string>, s = secrets(), demo: { id: string } | null = { id: "app_1" }): string {
  const env = parseEnv(source);
  return readyMessage({ env, secrets: s, demo, setup: startupSetup(env) });
}

test("Postgres is named by host, port and database: no user, password or query", () => {
  const text = message({ DATABASE_URL: "postgres://porthole:hunter2@db.internal:6432/hooks?sslpassword=s3cret", PORTHOLE_SECRET: "x".repeat(32) });
  expect(text).toContain("database   Postgres at db.internal:6432/hooks");
  for (const hidden of ["porthole:", "hunter2", "sslpassword", "s3cret", "x".repeat(32), "ph_org_the-token-itself", "the-server-secret"]) {
    expect(text).not.toContain(hidden);
  }
});

test("a token from the environment is referred to, never shown", () => {
  const text = message({ CORE_API_TOKEN: "ph_org_the-token-itself", DATA_DIR: "/data" });
  expect(text).toContain("org token  CORE_API_TOKEN, as set in the environment");
  expect(text).toContain('export PORTHOLE_TOKEN="$CORE_API_TOKEN"');
  expect(text).toContain(`PGlite in ${path.resolve("/data", "pgdata")}`);
  expect(text).not.toContain("ph_org_the-token-itself");
});

test("a generated token: where it is, and a command that reads it (quoted for any path)", () => {
  const text = message({ PORT: "4000" }, secrets({ generated: ["CORE_API_TOKEN", "PORTHOLE_SECRET"] }));
  expect(text).toContain("Porthole is ready at http://localhost:4000");
  expect(text).toContain("org token  generated into /srv/porthole data/it's/secrets.json");
  expect(text).toContain(`export PORTHOLE_TOKEN=$(node -p 'require("/srv/porthole data/it'\\''s/secrets.json").coreApiToken')`);
  expect(text).toContain('demo       application "demo" (app_1), its endpoint delivers to http://localhost:4000/demo/receiver');
  expect(text).not.toContain("ph_org_the-token-itself");
});

test("the printed command reads the token from a path with spaces and quotes, run by bash as printed", () => {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "porthole-ready-")), `it's "odd"`);
  try {
    mkdirSync(dir);
    const file = path.join(dir, "secrets.json");
    writeFileSync(file, JSON.stringify({ coreApiToken: "ph_org_from_file" }));
    const text = message({}, secrets({ file }));
    const command = /^ {2}(export PORTHOLE_TOKEN=.*)$/m.exec(text)?.[1];
    const run = spawnSync("bash", ["-c", `${command}\nprintf %s "$PORTHOLE_TOKEN"`], { encoding: "utf8" });
    expect(run.stdout).toBe("ph_org_from_file");
  } finally {
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }
});

test("an external core: its URL, no demo application", () => {
  const text = message({ CORE_API_URL: "https://api.svix.example", CORE_API_TOKEN: "sk_x" }, secrets(), null);
  expect(text).toContain("core       external, https://api.svix.example (CORE_API_URL)");
  expect(text).not.toContain("demo");
  expect(startupSetup(parseEnv({ CORE_API_URL: "https://api.svix.example" }))).toMatchObject({ core: "external", coreApiUrl: "https://api.svix.example" });
});
