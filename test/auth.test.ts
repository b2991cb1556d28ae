import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "./support/testDatabase.js";
import { bearer, errorCodes, startTestServer, type TestServer } from "./support/testServer.js";

let server: TestServer;
let admin: string;
let editor: string;
let metropolis: string;
let wego: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.createKey("ADMIN", { name: "ops admin" });
  editor = await server.createKey("EDITOR", { name: "affairs desk" });
  metropolis = await server.createKey("PARTNER", { organisation: "metropolis", name: "Metropolis registry" });
  wego = await server.createKey("PARTNER", { organisation: "wego", name: "WeGO registry" });
});
afterAll(() => server.close());

const SYNC = `mutation($input: SyncMembershipsInput!) { syncMemberships(input: $input) { memberships { id } userErrors { code } } }`;
const sync = (key: string, org: string, externalId: string) =>
  server.gql(
    SYNC,
    { input: { source: `${org}-registry`, memberships: [{ externalId, organisation: org, member: "seoul", status: "ACTIVE" }] } },
    bearer(key),
  );

describe("authentication", () => {
  it("reads are public; a write without a key is UNAUTHENTICATED with HTTP 401", async () => {
    expect((await server.gql(`{ countries { code } }`)).status).toBe(200);
    const res = await server.gql(SYNC, { input: { source: "s", memberships: [] } });
    expect(errorCodes(res)).toEqual(["UNAUTHENTICATED"]);
    expect(res.status).toBe(401);
    expect(res.data).toBeNull();
  });

  it("an unknown key is refused even for a read (401), and the answer says why", async () => {
    const res = await server.gql(`{ countries { code } }`, {}, bearer("fpk_not-a-real-key"));
    expect(res.status).toBe(401);
    expect(errorCodes(res)).toEqual(["UNAUTHENTICATED"]);
    expect(res.errors![0].message).toMatch(/not valid/);
  });

  it("records when a key was last used", async () => {
    await server.gql(`{ countries { code } }`, {}, bearer(editor));
    // Recorded after the answer, in a write of its own (never in the request's way): wait for it.
    const lastUsed = async () =>
      (await server.rows<{ last_used_at: string | null }>("SELECT last_used_at FROM api_keys WHERE name = 'affairs desk'"))[0]
        ?.last_used_at ?? null;
    await expect.poll(lastUsed, { timeout: 5_000, interval: 50 }).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("stores only a hash of the key", async () => {
    const rows = await server.rows<Record<string, unknown>>("SELECT * FROM api_keys");
    for (const row of rows) for (const value of Object.values(row)) expect(String(value)).not.toContain(editor.slice(4));
  });
});

describe("roles", () => {
  it("a key without the needed role is FORBIDDEN with HTTP 403", async () => {
    const res = await server.gql(`{ apiKeys { nodes { name } } }`, {}, bearer(editor));
    expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
    expect(res.status).toBe(403);
    const partnerAudit = await server.gql(`{ auditLog { nodes { id } } }`, {}, bearer(metropolis));
    expect(errorCodes(partnerAudit)).toEqual(["FORBIDDEN"]);
    const adminSync = await sync(admin, "metropolis", "A2");
    expect(errorCodes(adminSync)).toEqual(["FORBIDDEN"]);
  });

  it("a partner writes its own organisation's memberships only", async () => {
    expect((await sync(metropolis, "metropolis", "OWN-1")).data.syncMemberships.userErrors).toEqual([]);
    const other = await sync(metropolis, "wego", "OTHER-1");
    expect(errorCodes(other)).toEqual(["FORBIDDEN"]);
    expect(other.status).toBe(403);
  });
});

describe("ADMIN: keys and audit", () => {
  it("creates a key whose secret works once shown, lists keys without secrets, and revokes", async () => {
    const created = await server.gql(
      `mutation { createApiKey(input: { name: "portal", role: PARTNER, organisation: "wego" }) { secret apiKey { id name role organisation { slug } } userErrors { code } } }`,
      {},
      bearer(admin),
    );
    const { secret, apiKey } = created.data.createApiKey;
    expect(secret).toMatch(/^fpk_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: "portal", role: "PARTNER", organisation: { slug: "wego" } });
    expect((await sync(secret, "wego", "PORTAL-1")).data.syncMemberships.userErrors).toEqual([]);
    const listed = await server.gql(
      `{ apiKeys(first: 100) { nodes { id name keyPrefix lastUsedAt revokedAt } } }`,
      {},
      bearer(admin),
    );
    expect(JSON.stringify(listed.data)).not.toContain(secret.slice(10));
    expect(listed.data.apiKeys.nodes.find((k: any) => k.name === "portal").lastUsedAt).not.toBeNull();
    const revoked = await server.gql(
      `mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { revokedAt } userErrors { code } } }`,
      { id: apiKey.id },
      bearer(admin),
    );
    expect(revoked.data.revokeApiKey.apiKey.revokedAt).not.toBeNull();
    const after = await sync(secret, "wego", "PORTAL-2");
    expect(after.status).toBe(401);
    expect(errorCodes(after)).toEqual(["UNAUTHENTICATED"]);
    const bad = await server.gql(
      `mutation { createApiKey(input: { name: "x", role: PARTNER }) { secret userErrors { code message } } }`,
      {},
      bearer(admin),
    );
    expect(bad.data.createApiKey).toMatchObject({ secret: null, userErrors: [{ code: "INVALID" }] });
  });

  it("the audit log says who, when and what for each write; a partner sees only its own history", async () => {
    await sync(wego, "wego", "AUDIT-W");
    await sync(metropolis, "metropolis", "AUDIT-M");
    const log = await server.gql(`{ auditLog(first: 100) { nodes { id at actor operation outcome input } } }`, {}, bearer(admin));
    const entries = log.data.auditLog.nodes;
    expect(entries[0]).toMatchObject({ actor: "Metropolis registry", operation: "syncMemberships", outcome: "APPLIED" });
    expect(entries[0].input.memberships[0].externalId).toBe("AUDIT-M");
    expect(entries.some((e: any) => e.actor === "WeGO registry")).toBe(true);
    const own = await server.gql(`{ syncHistory(first: 100) { nodes { id actor } } }`, {}, bearer(metropolis));
    expect(own.data.syncHistory.nodes.length).toBeGreaterThan(0);
    // A key's name is for ADMIN only: the partner sees its organisation as the writer.
    expect(new Set(own.data.syncHistory.nodes.map((e: any) => e.actor))).toEqual(
      new Set(["Metropolis, World Association of the Major Metropolises"]),
    );

    // Through node: a partner reaches its own audit events, not another's, and no keys at all.
    const wegoEvent = entries.find((e: any) => e.actor === "WeGO registry").id;
    const ownEvent = own.data.syncHistory.nodes[0].id;
    const keyId = (await server.gql(`{ apiKeys(first: 1) { nodes { id } } }`, {}, bearer(admin))).data.apiKeys.nodes[0].id;
    const viaNode = await server.gql(
      `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
      { ids: [ownEvent, wegoEvent, keyId] },
      bearer(metropolis),
    );
    expect(viaNode.data.nodes).toEqual([{ id: ownEvent }, null, null]);
    const anonymous = await server.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [ownEvent, keyId] });
    expect(anonymous.data.nodes).toEqual([null, null]);
    const asAdmin = await server.gql(
      `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
      { ids: [wegoEvent, keyId] },
      bearer(admin),
    );
    expect(asAdmin.data.nodes).toEqual([{ id: wegoEvent }, { id: keyId }]);
  });
});

describe("ADMIN: refused attempts are audited, and nothing else of them is written", () => {
  const AUDIT = `{ auditLog(first: 5) { nodes { actor operation outcome input userErrors { field message code } } } }`;
  const latest = async () => (await server.gql(AUDIT, {}, bearer(admin))).data.auditLog.nodes[0];
  const TABLES = ["memberships", "external_ids", "changes", "sources", "record_sources", "idempotency_keys", "organisations"];
  const counts = async () =>
    Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await server.count(`SELECT count(*) AS n FROM ${t}`)])));

  it("a partner's FORBIDDEN attempt on another organisation is in the audit log with its input", async () => {
    const before = await counts();
    const res = await server.gql(
      SYNC,
      {
        input: {
          source: "metropolis-registry",
          idempotencyKey: "refused-1",
          memberships: [
            { externalId: "MINE-1", organisation: "wego", member: "seoul", status: "ACTIVE" },
            { externalId: "M-100", organisation: "metropolis", member: "seoul", status: "ACTIVE" },
          ],
        },
      },
      bearer(wego),
    );
    expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
    expect(await counts()).toEqual(before);
    const entry = await latest();
    expect(entry).toMatchObject({ actor: "WeGO registry", operation: "syncMemberships", outcome: "FORBIDDEN" });
    expect(entry.input.memberships[1]).toMatchObject({ externalId: "M-100", organisation: "metropolis" });
    expect(entry.userErrors).toEqual([{ field: null, message: res.errors![0].message, code: "FORBIDDEN" }]);
    // The audit entry is the only row the attempt left.
    expect(await server.count("SELECT count(*) AS n FROM audit_events WHERE outcome = 'FORBIDDEN'")).toBeGreaterThan(0);
  });

  it("a key without the role is FORBIDDEN and audited; no key at all leaves nothing to audit", async () => {
    const before = await counts();
    const res = await server.gql(
      `mutation { upsertOrganisation(input: { slug: "squat", nameFa: "x", nameEn: "x", kind: CITY_NETWORK }) { userErrors { code } } }`,
      {},
      bearer(metropolis),
    );
    expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
    expect(await counts()).toEqual(before);
    expect(await latest()).toMatchObject({
      actor: "Metropolis registry",
      operation: "upsertOrganisation",
      outcome: "FORBIDDEN",
      input: { slug: "squat" },
      userErrors: [{ code: "FORBIDDEN" }],
    });
    const audited = await server.count("SELECT count(*) AS n FROM audit_events");
    await server.gql(SYNC, { input: { source: "s", memberships: [] } });
    expect(await server.count("SELECT count(*) AS n FROM audit_events")).toBe(audited);
  });

  it("an attempt with user errors is REJECTED in the audit log with its errors; its transaction is rolled back", async () => {
    const before = await counts();
    const res = await server.gql(
      `mutation($input: SyncMembershipsInput!) { syncMemberships(input: $input) { replayed userErrors { field code } } }`,
      {
        input: {
          source: "metropolis-registry",
          idempotencyKey: "rejected-1",
          memberships: [
            { externalId: "OK-1", organisation: "metropolis", member: "seoul", status: "ACTIVE" },
            { externalId: "BAD-1", organisation: "metropolis", member: "atlantis", status: "ACTIVE" },
          ],
        },
      },
      bearer(metropolis),
    );
    expect(res.data.syncMemberships.userErrors).toEqual([{ field: ["input", "memberships", "1", "member"], code: "NOT_FOUND" }]);
    // Nothing of it stays, not even the idempotency key's answer.
    expect(await counts()).toEqual(before);
    const entry = await latest();
    expect(entry).toMatchObject({ actor: "Metropolis registry", operation: "syncMemberships", outcome: "REJECTED" });
    expect(entry.input.idempotencyKey).toBe("rejected-1");
    expect(entry.userErrors).toEqual([
      { field: ["input", "memberships", "1", "member"], message: 'No city "atlantis".', code: "NOT_FOUND" },
    ]);
    // The partner finds its refused attempts in its own history.
    const own = await server.gql(`{ syncHistory(first: 1) { nodes { outcome operation } } }`, {}, bearer(metropolis));
    expect(own.data.syncHistory.nodes).toEqual([{ outcome: "REJECTED", operation: "syncMemberships" }]);
  });
});

describe("a key's name is for ADMIN only", () => {
  it("API-entered records cite 'API data entry (<organisation or role>)'; no non-ADMIN answer holds a key's name", async () => {
    const UPSERT_ONE = `mutation($input: UpsertMembershipInput!) { upsertMembership(input: $input) {
      membership { id sources { kind title publisher } } userErrors { code } } }`;
    const byPartner = await server.gql(
      UPSERT_ONE,
      { input: { organisation: "metropolis", member: "tokyo", status: "ACTIVE" } },
      bearer(metropolis),
    );
    const byEditor = await server.gql(
      UPSERT_ONE,
      { input: { organisation: "wego", member: "tokyo", status: "ACTIVE" } },
      bearer(editor),
    );
    expect(byPartner.data.upsertMembership.membership.sources).toEqual([
      {
        kind: "DATA_ENTRY",
        title: "API data entry (Metropolis, World Association of the Major Metropolises)",
        publisher: "Metropolis, World Association of the Major Metropolises",
      },
    ]);
    expect(byEditor.data.upsertMembership.membership.sources).toEqual([
      { kind: "DATA_ENTRY", title: "API data entry (EDITOR)", publisher: "Footprint" },
    ]);

    const names = ["Metropolis registry", "WeGO registry", "affairs desk", "ops admin"];
    const ids = [byPartner.data.upsertMembership.membership.id, byEditor.data.upsertMembership.membership.id];
    const RECORDS = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Membership { sources { id title publisher } } } }`;
    const HISTORY = `{ syncHistory(first: 100) { nodes { id actor operation outcome input userErrors { message } apiKey { name } } } }`;
    const KEYS = `{ apiKeys(first: 100) { nodes { name } } }`;
    const LOG = `{ auditLog(first: 100) { nodes { actor } } }`;
    const answers: unknown[] = [];
    for (const key of [null, editor, metropolis, wego]) {
      const headers = key ? bearer(key) : {};
      answers.push((await server.gql(RECORDS, { ids }, headers)).data);
      answers.push((await server.gql(`{ memberships(first: 100) { nodes { sources { title publisher } } } }`, {}, headers)).data);
      for (const query of [HISTORY, KEYS, LOG]) {
        const res = await server.gql(query, {}, headers);
        answers.push(
          res.data,
          res.errors?.map((e) => e.message),
        );
      }
    }
    const seen = JSON.stringify(answers);
    expect(seen).toContain("API data entry (Metropolis, World Association of the Major Metropolises)");
    expect(seen).toContain("API data entry (EDITOR)");
    for (const name of names) expect(seen).not.toContain(name);
    // The partner's own history shows its organisation, with the events it made (refusals included).
    const history = await server.gql(HISTORY, {}, bearer(metropolis));
    expect(history.data.syncHistory.nodes.length).toBeGreaterThan(0);
    for (const e of history.data.syncHistory.nodes)
      expect(e).toMatchObject({ actor: "Metropolis, World Association of the Major Metropolises", apiKey: null });
    // ADMIN reads the names.
    const log = (await server.gql(LOG, {}, bearer(admin))).data.auditLog.nodes.map((e: any) => e.actor);
    expect(log).toContain("Metropolis registry");
  });
});

describe("npm run keys (CLI)", () => {
  it("creates a key printed alone on the last line, lists it, and revokes it", async () => {
    const database = await testDatabase();
    const env = { ...process.env, ...database.config };
    const run = (...args: string[]) => execFileSync("npx", ["tsx", "src/cli/keys.ts", ...args], { env, encoding: "utf8" });
    try {
      execFileSync("npx", ["tsx", "src/cli/seed.ts"], { env, encoding: "utf8" });
      const created = run("create", "--role", "PARTNER", "--organisation", "metropolis", "--name", "Metropolis registry");
      const lines = created.trim().split("\n");
      expect(lines[lines.length - 1]).toMatch(/^fpk_[A-Za-z0-9_-]{43}$/);
      const id = /id ([0-9a-f-]{36})/.exec(created)![1];
      expect(run("list")).toMatch(new RegExp(`${id}\\s+PARTNER\\s+metropolis\\s+"Metropolis registry".*active`));
      expect(run("revoke", id)).toContain("Revoked");
      expect(run("list")).toContain("REVOKED");
      expect(() => run("create", "--role", "PARTNER", "--name", "no org")).toThrow();
    } finally {
      await database.drop();
    }
  }, 60_000);
});
