import { CreateCliTokenCommand, MWAAClient } from "@aws-sdk/client-mwaa";
import { toCommandLine, type Command } from "./commands";
import { AirflowNoAnswer, AirflowUnreachable, type CliOutput, type CliTransport } from "./transport";

const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);

export interface MwaaCliOptions {
  environment: string;
  region: string;
  /** A protocol peer instead of AWS (tests); its web server is then spoken to over plain HTTP. */
  endpoint?: string;
  timeoutMs?: number;
}

// A CLI token lives 60 s; one older than this is refreshed before use.
const TOKEN_REUSE_MS = 45_000;

/**
 * The MWAA transport: CreateCliToken, then POST https://<WebServerHostname>/aws_mwaa/cli with the
 * command as text/plain and the token as bearer; stdout and stderr come back base64-encoded.
 * MWAA takes one CLI request at a time per environment, so requests wait in a queue.
 */
export function mwaaCli(options: MwaaCliOptions): CliTransport {
  const client = new MWAAClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint, disableHostPrefix: true } : {}),
  });
  const scheme = options.endpoint?.startsWith("http://") ? "http" : "https";
  const timeoutMs = options.timeoutMs ?? 120_000;
  let token: { value: string; host: string; at: number } | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function freshToken() {
    if (token && Date.now() - token.at < TOKEN_REUSE_MS) return token;
    const at = Date.now();
    let out;
    try {
      out = await client.send(new CreateCliTokenCommand({ Name: options.environment }));
    } catch (error) {
      throw new AirflowUnreachable(`MWAA CreateCliToken for ${options.environment} failed: ${(error as Error).message}`, { cause: error });
    }
    if (!out.CliToken || !out.WebServerHostname) throw new AirflowUnreachable("MWAA CreateCliToken returned no token or host");
    token = { value: out.CliToken, host: out.WebServerHostname, at };
    return token;
  }

  async function send(argv: Command): Promise<CliOutput> {
    const { value, host } = await freshToken();
    let res: Response;
    try {
      res = await fetch(`${scheme}://${host}/aws_mwaa/cli`, {
        method: "POST",
        headers: { authorization: `Bearer ${value}`, "content-type": "text/plain" },
        body: toCommandLine(argv),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const message = `MWAA web server ${host} did not answer: ${(error as Error).message}`;
      // Refused before anything was sent is a definite no; a timeout or a dropped connection is not.
      if (NOT_SENT.has(((error as Error).cause as { code?: string } | undefined)?.code ?? "")) throw new AirflowUnreachable(message, { cause: error });
      throw new AirflowNoAnswer(message, { cause: error });
    }
    if (res.status === 401 || res.status === 403) token = undefined;
    if (res.status >= 500) throw new AirflowNoAnswer(`MWAA /aws_mwaa/cli answered ${res.status}`);
    if (!res.ok) throw new AirflowUnreachable(`MWAA /aws_mwaa/cli answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    const body = (await res.json()) as { stdout?: string; stderr?: string };
    const decode = (b64?: string) => Buffer.from(b64 ?? "", "base64").toString("utf8");
    return { stdout: decode(body.stdout), stderr: decode(body.stderr), exitCode: null };
  }

  return {
    adapter: "aws",
    run(argv: Command): Promise<CliOutput> {
      const result = queue.then(() => send(argv));
      queue = result.catch(() => undefined);
      return result;
    },
  };
}
