export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Open the database, migrate, seed and start the dispatcher when the server starts, not on the first request.
  const { runtime } = await import("./lib/runtime");
  await runtime();
}
