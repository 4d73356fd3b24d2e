/**
 * Takes DATA_DIR's lock in its own process and holds it; prints "locked <pid>". SIGTERM exits the
 * way `next start` does (process.exit), SIGKILL leaves the lock behind.
 */
import { lockDataDir } from "@/lib/db/data-dir-lock";

const keepAlive = setInterval(() => {}, 60_000);
// Before the line that tells the test to go ahead, which may send the signal at once.
process.once("SIGTERM", () => {
  clearInterval(keepAlive);
  process.exit(0);
});
lockDataDir(process.env.DATA_DIR!);
console.log(`locked ${process.pid}`);
