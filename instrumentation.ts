// Next calls register() once per server start, in each runtime. The background syncs (lib/sync)
// need Node (child processes, pg), so they start only there; lib/sync decides whether to start
// at all (SYNC_ENABLED, never during `next build`).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // The server refuses to start, in any mode, without what it needs to sign sessions.
    const { env } = await import("./lib/env");
    const { serverStartProblems } = await import("./lib/env/schema");
    const problems = serverStartProblems(env);
    if (problems.length > 0) throw new Error(`The portal cannot start:\n  - ${problems.join("\n  - ")}`);
    const { startPortalSyncs } = await import("./lib/sync");
    startPortalSyncs();
  }
}
