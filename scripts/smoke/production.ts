// The production smoke test (issue 13), without a Docker daemon: builds the project as the
// Dockerfile's build stage does, assembles exactly the runtime tree its runtime-stage COPY lines
// describe (read with Docker's own parser, scripts/smoke/dockerfile_runtime.py), and runs it as an
// unprivileged user with NODE_ENV=production against Debian's PostgreSQL: the image's migration
// command, /api/health, local accounts refused, security headers, then a Playwright test in
// Chromium signing in through a real OpenID provider (oidc-provider) on loopback.
//
//   npx tsx --conditions=react-server scripts/smoke/production.ts
// SMOKE_REUSE_BUILD=1 skips the build when .platform/smoke/src has one; SMOKE_PYTHON names a Python
// with the `dockerfile` package (default .venv/bin/python).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { startDebianPostgres } from "@/lib/db/testing/debian-postgres";
import { freePort } from "@/lib/db/testing/free-port";
import { CLIENT, startIdp } from "../../e2e/smoke/idp";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WORK = path.join(ROOT, ".platform/smoke");
// Where the build stage runs: a copy of the sources (default), or SMOKE_SRC=. for this checkout itself
// (its default .next dist dir, built by scripts/build-portal.sh unless its stamp says the sources are built).
const SRC = process.env.SMOKE_SRC ? path.resolve(ROOT, process.env.SMOKE_SRC) : path.join(WORK, "src");
const APP = path.join(WORK, "app");
const log = (line: string) => console.log(`[smoke] ${line}`);
type Env = Record<string, string | undefined>;
const run = (cmd: string, args: string[], opts: { cwd?: string; env?: Env } = {}) =>
  execFileSync(cmd, args, { cwd: opts.cwd ?? ROOT, env: (opts.env ?? process.env) as NodeJS.ProcessEnv, stdio: "inherit" });

type Runtime = { workdir: string; user: string; env: Record<string, string>; copies: { from: string; sources: string[]; dest: string }[]; cmd: string[]; migrate: string[] };

function readRuntimeStage(): Runtime {
  const python = process.env.SMOKE_PYTHON ?? path.join(ROOT, ".venv/bin/python");
  return JSON.parse(execFileSync(python, [path.join(ROOT, "scripts/smoke/dockerfile_runtime.py"), path.join(ROOT, "Dockerfile")], { encoding: "utf8" }));
}

/** The build stage: a copy of the sources (what .dockerignore lets in) built with the default dist dir, as `docker build` would. */
function build() {
  if (process.env.SMOKE_REUSE_BUILD === "1" && existsSync(path.join(SRC, ".next/standalone/server.js"))) return log(`reusing the build in ${SRC}`);
  if (SRC !== ROOT) {
    rmSync(SRC, { recursive: true, force: true });
    mkdirSync(SRC, { recursive: true });
    const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
    for (const f of files) if (existsSync(path.join(ROOT, f))) cpSync(path.join(ROOT, f), path.join(SRC, f), { recursive: true });
    // node_modules as `npm ci` left it (hard links: no copy of 1 GB); the generated client as `prisma generate` made it.
    run("cp", ["-al", path.join(ROOT, "node_modules"), path.join(SRC, "node_modules")]);
    cpSync(path.join(ROOT, "lib/generated"), path.join(SRC, "lib/generated"), { recursive: true });
  }
  if (SRC === ROOT) {
    // The checkout's .next, through the build the local estate uses: its source stamp lets the
    // estate started after this test (npm test's e2e lane) reuse the build instead of repeating it.
    log("next build (standalone) into .next, unless its sources are already built there");
    mkdirSync(WORK, { recursive: true });
    run("bash", ["scripts/build-portal.sh", ".next", path.join(WORK, "build.log")]);
  } else {
    const env: Record<string, string | undefined> = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
    delete env.NEXT_DIST_DIR;
    log("next build (standalone)");
    run("npx", ["next", "build"], { cwd: SRC, env });
  }
  run("node", ["scripts/build/prune-standalone.mjs"], { cwd: SRC });
  run("node", ["scripts/build/migrate-bundle.mjs", "dist/db"], { cwd: SRC });
  // The one substitution: the RDS CA bundle cannot be fetched offline, so a throw-away CA stands at its path.
  mkdirSync(path.join(SRC, "certs"), { recursive: true });
  run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=smoke stand-in for the RDS CA", "-keyout", "/dev/null", "-out", path.join(SRC, "certs/rds-global-bundle.pem")]);
}

/** The runtime stage: each `COPY --from=build /app/<x> <dest>` from the built copy into APP, owned by root, readable by all. */
function assemble(stage: Runtime) {
  rmSync(APP, { recursive: true, force: true });
  mkdirSync(APP, { recursive: true });
  for (const copy of stage.copies) {
    if (copy.from !== "build") throw new Error(`the smoke test knows only the build stage, not ${copy.from}`);
    for (const source of copy.sources) {
      const from = path.join(SRC, path.relative("/app", source));
      const to = path.resolve(APP, copy.dest);
      // COPY of a directory copies its contents into dest; of a file, to dest (this Dockerfile names the file).
      mkdirSync(path.dirname(to), { recursive: true });
      cpSync(from, to, { recursive: true });
    }
  }
  run("chown", ["-R", "root:root", APP]);
  run("chmod", ["-R", "a+rX,go-w", APP]);
  // The task definition's scratch volume: the only place in the tree the server may write.
  mkdirSync(path.join(APP, ".next/cache"), { recursive: true });
  chownSync(path.join(APP, ".next/cache"), 65534, 65534);
  chmodSync(path.join(APP, ".next/cache"), 0o700);
}

/** argv of a command as the unprivileged user (nobody), the way the image's USER runs it. */
const asNobody = (argv: string[]) => ["setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", ...argv]] as const;

async function waitFor(url: string, server: ChildProcess, seconds: number) {
  for (let i = 0; i < seconds; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    const ok = await fetch(url).then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${url} did not answer 200 within ${seconds} s`);
}

function check(what: string, ok: boolean) {
  if (!ok) throw new Error(`smoke check failed: ${what}`);
  log(`ok: ${what}`);
}

const stage = readRuntimeStage();
log(`runtime stage: ${stage.copies.length} COPY lines, USER ${stage.user}, CMD ${stage.cmd.join(" ")}, migrate ${stage.migrate.join(" ")}`);
build();
assemble(stage);
// The bundles, not the repository: the build's tracer copies source folders into .next/standalone
// (scripts/build/prune-standalone.mjs removes them), and so into the image.
const SOURCE_ONLY = ["app", "lib", "dags", "etl", "scripts", "e2e", "infra", "docs", "bench"];
check(`the runtime tree holds none of ${SOURCE_ONLY.join(", ")}`, SOURCE_ONLY.every((dir) => !existsSync(path.join(APP, dir))));

const postgres = await startDebianPostgres(log);
const [portalPort, idpPort] = [await freePort(), await freePort()];
const portalUrl = `http://127.0.0.1:${portalPort}`;
const idp = await startIdp(idpPort, portalUrl);
let server: ChildProcess | null = null;
try {
  const env: Env = {
    PATH: process.env.PATH,
    ...stage.env,
    HOSTNAME: "127.0.0.1",
    PORT: String(portalPort),
    TMPDIR: path.join(APP, ".next/cache"),
    DATABASE_URL: postgres.adminUrl,
    NEXTAUTH_URL: portalUrl,
    NEXTAUTH_SECRET: "smoke-secret-".padEnd(48, "x"),
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: CLIENT.id,
    OIDC_CLIENT_SECRET: CLIENT.secret,
    OIDC_ROLE_MAP: "engineers=engineer,platform-admins=admin",
    PLATFORM_MODE: "local",
    PLATFORM_HOME: path.join(WORK, "home"),
    SYNC_ENABLED: "false",
  };
  check("NODE_ENV is production in the image", env.NODE_ENV === "production");

  const [mCmd, mArgs] = asNobody(stage.migrate);
  execFileSync(mCmd, mArgs, { cwd: APP, env: env as NodeJS.ProcessEnv, stdio: "inherit" });
  check("the image's migration command migrated Debian PostgreSQL as nobody", true);

  const [sCmd, sArgs] = asNobody(stage.cmd);
  server = spawn(sCmd, sArgs, { cwd: APP, env: env as NodeJS.ProcessEnv, stdio: "inherit" });
  await waitFor(`${portalUrl}/api/health`, server, 120);
  check("/api/health answers 200", true);

  const home = await fetch(`${portalUrl}/login`);
  for (const header of ["content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy", "permissions-policy"]) {
    check(`security header ${header}`, home.headers.get(header) !== null);
  }
  check("no x-powered-by header", home.headers.get("x-powered-by") === null);
  const providers = (await (await fetch(`${portalUrl}/api/auth/providers`)).json()) as Record<string, unknown>;
  check("only the IdP is offered (no local accounts)", JSON.stringify(Object.keys(providers)) === '["oidc"]');
  const local = await fetch(`${portalUrl}/api/auth/callback/local`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "email=admin%40local&password=whatever" });
  check(`local sign-in refused (${local.status}, no session cookie)`, !(local.headers.get("set-cookie") ?? "").includes("session-token"));

  log("Playwright: single sign-on through the local OpenID provider");
  // Not execFileSync: the OpenID provider runs in this process and must keep answering meanwhile.
  const browser = spawn("npx", ["playwright", "test", "--config", "playwright.smoke.config.ts"], { cwd: ROOT, env: { ...process.env, SMOKE_BASE_URL: portalUrl }, stdio: "inherit" });
  const code = await new Promise<number | null>((resolve) => browser.on("exit", resolve));
  if (code !== 0) throw new Error(`the SSO Playwright test failed (exit ${code})`);
  log("production smoke test passed");
} finally {
  server?.kill("SIGTERM");
  await idp.close();
  await postgres.stop();
}
