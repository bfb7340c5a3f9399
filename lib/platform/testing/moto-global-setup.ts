import { spawn } from "node:child_process";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort } from "@/lib/db/testing/free-port";

declare module "vitest" {
  export interface ProvidedContext {
    /** http://127.0.0.1:<port> of the moto server started for this test run: the AWS peer. */
    motoEndpoint: string;
  }
}

async function waitForHttp(url: string, exited: () => boolean, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (exited()) throw new Error("moto server exited while starting");
    try {
      await fetch(`${url}/moto-api/`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`moto server did not answer on ${url} within ${seconds}s`);
}

/** Starts moto server (moto 5.2.5 from the Python lock) on a free loopback port. */
export async function startMotoServer(): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const bin = path.resolve(".venv/bin/moto_server");
  const child = spawn(bin, ["-H", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", "ignore", "pipe"] });
  let exited = false;
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  child.on("exit", () => (exited = true));
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(endpoint, () => exited, 60);
  } catch (err) {
    child.kill("SIGKILL");
    throw new Error(`${(err as Error).message}\n${stderr}`);
  }
  return {
    endpoint,
    async stop() {
      if (exited) return;
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
      if (!exited) child.kill("SIGKILL");
    },
  };
}

/** One moto server for the whole integration run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const moto = await startMotoServer();
  console.log(`[integration] moto server on ${moto.endpoint}`);
  project.provide("motoEndpoint", moto.endpoint);
  return moto.stop;
}

/** Credentials moto accepts; set before an AWS client is made. */
export function applyMotoCredentials(): void {
  process.env.AWS_ACCESS_KEY_ID = "testing";
  process.env.AWS_SECRET_ACCESS_KEY = "testing";
  delete process.env.AWS_PROFILE;
}
