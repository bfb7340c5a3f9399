// Next calls register() once per server start, in each runtime. The background syncs (lib/sync)
// need Node (child processes, pg), so they start only there; lib/sync decides whether to start
// at all (SYNC_ENABLED, never during `next build`).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startPortalSyncs } = await import("./lib/sync");
    startPortalSyncs();
  }
}
