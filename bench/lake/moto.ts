import { spawn } from "node:child_process";
import path from "node:path";
import { freePort } from "@/lib/db/testing/free-port";

export interface MotoServer {
  url: string;
  stop(): Promise<void>;
}

/** moto server (PyPI, from .venv) on a free loopback port: the S3 peer of the contract tests and the bench. */
export async function startMoto(log: (line: string) => void = () => undefined): Promise<MotoServer> {
  const port = await freePort();
  const bin = path.resolve(import.meta.dirname, "../../.venv/bin/moto_server");
  const child = spawn(bin, ["-H", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited: ${stderr}`);
    const up = await fetch(`${url}/moto-api/`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`moto_server did not answer on ${url} within 30 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  log(`moto server on ${url}`);
  return {
    url,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
