export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this too while prerendering: no database, secrets or dispatcher then.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // Open the database, migrate, seed and start the dispatcher when the server starts, not on the first request.
  const { startRuntime } = await import("./lib/runtime");
  await startRuntime();
}
