import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { freePort } from "@/lib/db/testing/free-port";

/** The build the fault suite and the load bench serve: `NEXT_DIST_DIR=.next-faults npx next build`. */
export const PORTAL_DIST_DIR = process.env.FAULTS_DIST_DIR ?? ".next-faults";
export const PORTAL_PASSWORD = "faults-local-password";
const SECRET = "fault-suite-session-secret-0123456789abcdef";

export interface PortalOptions {
  /** Any Postgres; or `embeddedPgPort`: the embedded PGlite as `npm run up` serves it (one connection, process lock). */
  databaseUrl?: string;
  embeddedPgPort?: number;
  /** The estate's root: the local Airflow's state is in <platformHome>/airflow. */
  platformHome: string;
  airflowPort: number;
  port?: number;
  /** The Airflow sync's interval: 1 s unless a case needs the portal's default. */
  syncIntervalMs?: number;
}

export interface Portal {
  url: string;
  port: number;
  /** Everything the server printed, for a failing test's message. */
  output: () => string;
  /** SIGKILL of the server's whole process group: nothing of it runs a line more. */
  kill: () => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * The built portal (`next start`) as its own process group, on the given database and local
 * Airflow, with its background syncs polling every second. Resolves once /api/health answers.
 */
export async function startPortal(options: PortalOptions): Promise<Portal> {
  if (!existsSync(path.join(PORTAL_DIST_DIR, "BUILD_ID"))) {
    throw new Error(`no portal build in ${PORTAL_DIST_DIR}: run \`NEXT_DIST_DIR=${PORTAL_DIST_DIR} npx next build\` first (npm run test:faults does)`);
  }
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Not production: the seeded local accounts are refused under NODE_ENV=production.
    NODE_ENV: "test",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: PORTAL_DIST_DIR,
    NODE_OPTIONS: `--import ${path.resolve("lib/server/method-guard.mjs")}`,
    PORT: String(port),
    NEXTAUTH_URL: url,
    NEXTAUTH_SECRET: SECRET,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : { EMBEDDED_PG_PORT: String(options.embeddedPgPort) }),
    PLATFORM_HOME: options.platformHome,
    AIRFLOW_PORT: String(options.airflowPort),
    AIRFLOW_SYNC_INTERVAL_MS: String(options.syncIntervalMs ?? 1000),
  };
  if (!options.databaseUrl) delete env.DATABASE_URL;
  const child = spawn(path.resolve("node_modules/.bin/next"), ["start", "--port", String(port), "--hostname", "127.0.0.1"], {
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // Already gone.
    }
    await exited;
  };
  const portal: Portal = { url, port, output: () => output, kill: () => signal("SIGKILL"), stop: () => signal("SIGTERM") };
  await waitForHealth(portal, child);
  return portal;
}

async function waitForHealth(portal: Portal, child: ChildProcess) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the portal exited (${child.exitCode}):\n${portal.output()}`);
    const ok = await fetch(`${portal.url}/api/health`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  await portal.kill();
  throw new Error(`the portal did not answer /api/health within 90 s:\n${portal.output()}`);
}

/** A session cookie from a real sign-in (next-auth's CSRF-protected form post), as a browser gets one. */
export async function signIn(baseUrl: string, email: string, password = PORTAL_PASSWORD): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${baseUrl}/api/auth/callback/local`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`signing in as ${email} gave no session cookie (${res.status})`);
  return session.split(";")[0]!;
}
