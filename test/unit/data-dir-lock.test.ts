import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { dataDirHolder, DataDirLockedError, LOCK_FILE, lockDataDir } from "@/lib/db/data-dir-lock";
import { reapAll, spawnTs } from "../support/spawn";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "porthole-lock-"));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await reapAll();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A pid that certainly belongs to no running process: a child that has exited and been reaped. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

test("a second process is refused, naming the holder's pid and DATABASE_URL; the lock returns when the holder dies", async () => {
  const dir = tempDir();
  const holder = spawnTs("test/support/hold-data-dir.ts", { ...process.env, DATA_DIR: dir }, /^locked /);
  await holder.ready;
  expect(readFileSync(path.join(dir, LOCK_FILE), "utf8").trim()).toBe(String(holder.pid));
  expect(dataDirHolder(dir)).toBe(holder.pid);

  const err = (() => {
    try {
      lockDataDir(dir);
    } catch (e) {
      return e;
    }
  })();
  expect(err).toBeInstanceOf(DataDirLockedError);
  expect((err as Error).message).toContain(`pid ${holder.pid}`);
  expect((err as Error).message).toContain("DATABASE_URL");
  // Refused without touching the holder's lock.
  expect(readFileSync(path.join(dir, LOCK_FILE), "utf8").trim()).toBe(String(holder.pid));

  // SIGKILL: no exit handler runs, the lock file stays behind with a dead pid, and is taken over.
  holder.kill("SIGKILL");
  await holder.exited;
  expect(existsSync(path.join(dir, LOCK_FILE))).toBe(true);
  expect(dataDirHolder(dir)).toBeNull();
  const release = lockDataDir(dir);
  expect(readFileSync(path.join(dir, LOCK_FILE), "utf8").trim()).toBe(String(process.pid));
  release();
  expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
});

test("a stale lock (its pid no longer alive) is taken over; a garbled one too", () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, LOCK_FILE), `${deadPid()}\n`);
  const release = lockDataDir(dir);
  expect(readFileSync(path.join(dir, LOCK_FILE), "utf8").trim()).toBe(String(process.pid));
  release();

  writeFileSync(path.join(dir, LOCK_FILE), "");
  lockDataDir(dir)();
  expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
});

test("one process cannot open a data directory twice either", () => {
  const dir = tempDir();
  const release = lockDataDir(dir);
  expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  release();
  lockDataDir(dir)();
});

test("exiting gives the lock back", async () => {
  const dir = tempDir();
  const holder = spawnTs("test/support/hold-data-dir.ts", { ...process.env, DATA_DIR: dir }, /^locked /);
  await holder.ready;
  expect(existsSync(path.join(dir, LOCK_FILE))).toBe(true);
  holder.kill("SIGTERM");
  expect(await holder.exited).toEqual({ code: 0, signal: null });
  expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
});
