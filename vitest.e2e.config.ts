import { defineConfig } from "vitest/config";
import base from "./vitest.config";

/** The browser suite: the production server, a host page on another origin, Debian's Chromium. */
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ["test/e2e/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    fileParallelism: false,
  },
});
