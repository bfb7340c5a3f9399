import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { CliTransport } from "../transport";
import { splitWords } from "./shell-words";

export interface MwaaPeer {
  /** For the MWAA client's endpoint (CreateCliToken) — the web server is the same listener. */
  endpoint: string;
  tokensIssued: () => number;
  /** The most CLI requests it ever saw at once: MWAA allows one. */
  maxConcurrent: () => number;
  close: () => Promise<void>;
}

const TOKEN_TTL_MS = 60_000;

// AWS's Airflow CLI command reference for MWAA v3.0.6 (dags/README.md): anything else is refused.
const MWAA_COMMANDS = new Set(
  [
    "assets details", "assets list", "assets materialize", "backfill create", "cheat-sheet", "connections add", "connections delete",
    ...["delete", "list", "list-jobs", "list-import-errors", "list-runs", "next-execution", "pause", "report", "reserialize", "show", "state", "test", "trigger", "unpause"].map((c) => `dags ${c}`),
    "db clean",
    ...["clear", "failed-deps", "list", "render", "state", "states-for-dag-run", "test"].map((c) => `tasks ${c}`),
    "variables delete", "variables get", "variables set", "variables list", "version",
  ],
);

export const onMwaaList = (argv: readonly string[]) => MWAA_COMMANDS.has(argv[0] ?? "") || MWAA_COMMANDS.has(argv.slice(0, 2).join(" "));

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function json(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
}

/**
 * A protocol peer for the MWAA transport (moto 5.2.5 has no MWAA): CreateCliToken's REST shape
 * (POST /clitoken/{Name}) and the web server's POST /aws_mwaa/cli (bearer token, text/plain
 * command, JSON of base64 stdout/stderr), running each command on a real Airflow CLI.
 */
export async function startMwaaPeer(options: { environment: string; cli: CliTransport }): Promise<MwaaPeer> {
  const tokens = new Map<string, number>();
  let issued = 0;
  let running = 0;
  let maxConcurrent = 0;
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://peer");
      const clitoken = /^\/clitoken\/([A-Za-z][0-9A-Za-z_-]{0,79})$/.exec(url.pathname);
      if (req.method === "POST" && clitoken) {
        if (clitoken[1] !== options.environment) return json(res, 404, { message: `Environment ${clitoken[1]} not found` });
        if (!/^AWS4-HMAC-SHA256 Credential=/.test(req.headers.authorization ?? "")) return json(res, 403, { message: "missing signature" });
        const token = randomBytes(24).toString("base64url");
        tokens.set(token, Date.now() + TOKEN_TTL_MS);
        issued++;
        const { port } = server.address() as AddressInfo;
        return json(res, 200, { CliToken: token, WebServerHostname: `127.0.0.1:${port}` });
      }
      if (req.method === "POST" && url.pathname === "/aws_mwaa/cli") {
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
        if (!token || (tokens.get(token) ?? 0) < Date.now()) return json(res, 401, { message: "invalid or expired token" });
        if (req.headers["content-type"] !== "text/plain") return json(res, 415, { message: "text/plain only" });
        running++;
        maxConcurrent = Math.max(maxConcurrent, running);
        try {
          const argv = splitWords(await body(req));
          if (!onMwaaList(argv)) return json(res, 400, { message: `${argv.slice(0, 2).join(" ")} is not on MWAA's CLI list` });
          const out = await options.cli.run(argv);
          return json(res, 200, { stdout: Buffer.from(out.stdout).toString("base64"), stderr: Buffer.from(out.stderr).toString("base64") });
        } finally {
          running--;
        }
      }
      json(res, 404, { message: "not found" });
    } catch (error) {
      json(res, 500, { message: (error as Error).message });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    tokensIssued: () => issued,
    maxConcurrent: () => maxConcurrent,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
