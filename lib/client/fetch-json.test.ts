import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiCallError, fetchJson } from "./fetch-json";

// A small real HTTP server answering as the API does, and as a proxy in front of it might.
let server: Server;
let base: string;
const seen: { method?: string; type?: string; body: string }[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      seen.push({ method: req.method, type: req.headers["content-type"], body });
      if (req.url === "/ok") return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: "r1" }));
      if (req.url === "/refused") return res.writeHead(409, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "conflict", message: "Airflow refused: one backfill at a time" } }));
      res.writeHead(502, { "content-type": "text/html" }).end("<html>Bad gateway</html>");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("fetchJson", () => {
  it("sends the body as JSON and returns the answer", async () => {
    expect(await fetchJson<{ id: string }>(`${base}/ok`, { method: "POST", body: { paused: true } })).toEqual({ id: "r1" });
    expect(seen.at(-1)).toEqual({ method: "POST", type: "application/json", body: '{"paused":true}' });
  });

  it("throws the API's own message and code on a refusal", async () => {
    const error = await fetchJson(`${base}/refused`, { method: "POST", body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ status: 409, code: "conflict", message: "Airflow refused: one backfill at a time" });
  });

  it("says the method, path and status when the answer is not the API's JSON", async () => {
    const error = await fetchJson(`${base}/proxy?x=1`).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: null, message: expect.stringMatching(/^GET \S*\/proxy failed \(502\)\.$/) });
  });
});
