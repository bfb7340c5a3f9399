import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let server: http.Server;
let port: number;

beforeAll(async () => {
  await import("./method-guard.mjs");
  server = http.createServer((_req, res) => res.end("reached the app"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(method: string): Promise<{ status: number; allow?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path: "/api/health" }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the method guard in front of Next", () => {
  it.each(["TRACE", "QUERY"])("answers 405 with Allow to %s without reaching the app", async (method) => {
    const res = await send(method);
    expect(res.status).toBe(405);
    expect(res.allow).toContain("GET");
    expect(JSON.parse(res.body).error.message).toBe(`${method} is not allowed.`);
  });

  it.each(["GET", "POST", "DELETE"])("lets %s through", async (method) => {
    expect((await send(method)).body).toBe("reached the app");
  });
});
