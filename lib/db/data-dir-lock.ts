import "server-only";
import { linkSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * PGlite is single-process: two processes writing one data directory corrupt it for good. So the
 * process that opens DATA_DIR holds DATA_DIR/porthole.lock, a file naming its pid, until it exits;
 * a lock whose pid is no longer alive (a crash, a SIGKILL) is taken over.
 */
export const LOCK_FILE = "porthole.lock";

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by another Porthole process (pid ${pid}).\n` +
        "PGlite opens a data directory in one process only: stop that one first, " +
        "or set DATABASE_URL to a Postgres database to run several processes.",
    );
    this.name = "DataDirLockedError";
  }
}

/** Data directories this process holds, by lock file path. */
const held = new Set<string>();
let exitHookInstalled = false;

/** Takes the lock on `dataDir` for this process; the returned function gives it back. */
export function lockDataDir(dataDir: string): () => void {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, LOCK_FILE);
  // Opening one directory twice in one process is just as unsafe as two processes.
  if (held.has(file)) throw new DataDirLockedError(dir, process.pid);
  mkdirSync(dir, { recursive: true });
  const mine = `${process.pid}\n`;
  // A few rounds: each either takes the lock, finds a live holder, or clears a stale lock.
  for (let round = 0; round < 5; round++) {
    if (createExclusive(file, mine)) {
      held.add(file);
      installExitHook();
      return () => release(file);
    }
    const seen = readLock(file);
    if (seen === null) continue; // removed between our attempt and the read: try again
    const holder = parsePid(seen);
    // A lock naming this very pid is a previous life's (a restarted container reuses low pids).
    if (holder !== null && holder !== process.pid && isAlive(holder)) throw new DataDirLockedError(dir, holder);
    // Stale: remove it, unless it changed since we read it (another process took it over first).
    if (readLock(file) === seen) rmSync(file, { force: true });
  }
  throw new Error(`Could not lock DATA_DIR ${dir}: ${file} keeps changing`);
}

/** The live pid holding `dataDir`, or null when it is free (or its lock is stale). */
export function dataDirHolder(dataDir: string): number | null {
  const seen = readLock(path.join(path.resolve(dataDir), LOCK_FILE));
  const holder = seen === null ? null : parsePid(seen);
  return holder !== null && holder !== process.pid && isAlive(holder) ? holder : null;
}

/**
 * Creates `file` with `content` in one step: the content goes to a private file first, which is
 * then hard-linked into place (fails when the lock exists), so nobody ever reads a half-written lock.
 */
function createExclusive(file: string, content: string): boolean {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, content);
  try {
    linkSync(temp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  } finally {
    rmSync(temp, { force: true });
  }
}

function readLock(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

function parsePid(content: string): number | null {
  const pid = Number(content.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function release(file: string): void {
  if (!held.delete(file)) return;
  try {
    if (parsePid(readLock(file) ?? "") === process.pid) unlinkSync(file);
  } catch {
    // Already gone: nothing to give back.
  }
}

/** An exit without close (process.exit, an uncaught error) still gives the locks back. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const file of [...held]) release(file);
  });
}
