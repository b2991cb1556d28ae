/**
 * The dashboard door (src/http/dashboardRoutes.ts) over HTTP, without a browser: the built page
 * and its assets, the policy that keeps the page's requests on the server, and a clear answer
 * where the page was not built. test/dashboard/ drives the page itself.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardRouter } from "../../src/http/dashboardRoutes.js";
import { startTestServer, type TestServer } from "../support/testServer.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ seed: false });
});
afterAll(async () => {
  await server?.close();
});

describe("GET /dashboard", () => {
  it("redirects to the folder, whose relative links (assets, ../graphql) then resolve", async () => {
    const res = await fetch(`${server.url}/dashboard`, { redirect: "manual" });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/dashboard/");
  });

  it("serves the built page with a policy that allows only this server, and its hashed assets as immutable", async () => {
    const res = await fetch(`${server.url}/dashboard/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const policy = res.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    const html = await res.text();
    // Nothing from elsewhere: every script and stylesheet is the page's own, by relative path.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const script = /<script[^>]+src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${server.url}/dashboard/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
    expect(asset.headers.get("cache-control")).toContain("immutable");
  });

  it("answers 404 for a file the page does not have", async () => {
    expect((await fetch(`${server.url}/dashboard/assets/nothing.js`)).status).toBe(404);
  });
});

describe("a server whose dashboard was not built", () => {
  let empty: string;
  let plain: Server;
  let url: string;
  beforeAll(async () => {
    empty = mkdtempSync(join(tmpdir(), "footprint-no-dashboard-"));
    const app = express();
    app.use("/dashboard", dashboardRouter(empty));
    plain = createServer(app);
    await new Promise<void>((resolvePromise) => plain.listen(0, "127.0.0.1", resolvePromise));
    url = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolvePromise) => plain.close(resolvePromise));
    rmSync(empty, { recursive: true, force: true });
  });

  it("says how to build it (503), instead of a bare 404", async () => {
    const res = await fetch(`${url}/dashboard/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("npm run build");
  });
});
