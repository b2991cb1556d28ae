import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertPartnership, type PartnershipWrite } from "../../src/data/writes/partnerships.js";
import { UserErrorList } from "../../src/data/writes/userErrors.js";
import { runWrite } from "../../src/data/writes/writeSession.js";
import { toGlobalId } from "../../src/graphql/globalId.js";
import { bearer, errorCodes, errorsOf, startTestServer, type TestServer } from "../support/testServer.js";

let server: TestServer;
let editor: string;
beforeAll(async () => {
  server = await startTestServer();
  editor = await server.createKey("EDITOR");
});
afterAll(() => server.close());

const counts = () =>
  Promise.all([
    server.count("SELECT count(*) AS n FROM partnerships"),
    server.count("SELECT count(*) AS n FROM changes"),
    server.count("SELECT count(*) AS n FROM external_ids"),
  ]);
const UNKNOWN = "00000000-0000-0000-0000-000000000000";

const UPSERT = `mutation($input: UpsertPartnershipInput!) { upsertPartnership(input: $input) {
  outcome
  partnership { id city { slug } partner { slug } kind status signedOn signedJalali { year month day } provenance version externalIds { scheme value } sources { kind } }
  userErrors { field message code } } }`;

async function upsert(input: Record<string, unknown>) {
  const res = await server.gql(UPSERT, { input }, bearer(editor));
  expect(res.errors).toBeUndefined();
  return res.data.upsertPartnership;
}

/** The PARTNERSHIP changes after `after` (all of them without it), and the cursor to continue from. */
async function feed(
  after: string | null = null,
): Promise<{ nodes: { type: string; id: string; version: number }[]; cursor: string | null }> {
  const nodes = [];
  let cursor = after;
  for (;;) {
    const res = await server.gql(
      `query($after: String) { changes(after: $after, first: 500, types: [PARTNERSHIP]) { nodes { type id version } pageInfo { hasNextPage endCursor } } }`,
      { after: cursor },
    );
    expect(res.errors).toBeUndefined();
    nodes.push(...res.data.changes.nodes);
    cursor = res.data.changes.pageInfo.endCursor;
    if (!res.data.changes.pageInfo.hasNextPage) return { nodes, cursor };
  }
}

const paris = { city: "tehran", partner: "paris", kind: "SISTER_CITY", status: "ACTIVE", signedOn: "2022-08-23" };

describe("upsertPartnership", () => {
  it("inserts, updates one field (UPDATED, version + 1, one change) and then leaves it UNCHANGED (no change)", async () => {
    const { cursor: head } = await feed();
    const created = await upsert(paris);
    expect(created.userErrors).toEqual([]);
    expect(created).toMatchObject({
      outcome: "INSERTED",
      partnership: {
        city: { slug: "tehran" },
        partner: { slug: "paris" },
        kind: "SISTER_CITY",
        status: "ACTIVE",
        signedOn: "2022-08-23",
        signedJalali: { year: 1401, month: 6, day: 1 },
        provenance: "SOURCED",
        version: 1,
        sources: [{ kind: "DATA_ENTRY" }],
      },
    });
    const id = created.partnership.id;
    const afterInsert = await feed(head);
    expect(afterInsert.nodes).toEqual([{ type: "PARTNERSHIP", id, version: 1 }]);

    const updated = await upsert({ ...paris, status: "DORMANT" });
    expect(updated).toMatchObject({ outcome: "UPDATED", partnership: { id, status: "DORMANT", version: 2 }, userErrors: [] });
    const afterUpdate = await feed(afterInsert.cursor);
    expect(afterUpdate.nodes).toEqual([{ type: "PARTNERSHIP", id, version: 2 }]);

    const again = await upsert({ ...paris, status: "DORMANT" });
    expect(again).toMatchObject({ outcome: "UNCHANGED", partnership: { id, version: 2 }, userErrors: [] });
    expect((await feed(afterUpdate.cursor)).nodes).toEqual([]);

    const byId = await upsert({ id, signedOn: null });
    expect(byId).toMatchObject({ outcome: "UPDATED", partnership: { id, signedOn: null, signedJalali: null, version: 3 } });
    const listed = await server.gql(
      `{ partnerships(filter: { city: ["tehran"], partner: ["paris"], kind: [SISTER_CITY] }) { nodes { id status } } }`,
    );
    expect(listed.data.partnerships.nodes).toEqual([{ id, status: "DORMANT" }]);
  });

  it("stores signedPrecision with signedOn: default DAY, a year-only date kept as YEAR when resent without it", async () => {
    const q = `mutation($input: UpsertPartnershipInput!) { upsertPartnership(input: $input) {
      outcome partnership { id signedOn signedPrecision version } userErrors { field code } } }`;
    const run = async (input: Record<string, unknown>) => (await server.gql(q, { input }, bearer(editor))).data.upsertPartnership;
    const base = { city: "tehran", partner: "vienna", kind: "SISTER_CITY", status: "PROPOSED" };
    const year = await run({ ...base, signedOn: "2005-01-01", signedPrecision: "YEAR" });
    expect(year).toMatchObject({ outcome: "INSERTED", partnership: { signedOn: "2005-01-01", signedPrecision: "YEAR" } });
    const resent = await run({ ...base, signedOn: "2005-01-01" });
    expect(resent).toMatchObject({ outcome: "UNCHANGED", partnership: { signedPrecision: "YEAR", version: 1 } });
    const day = await run({ ...base, signedOn: "2005-03-09" });
    expect(day).toMatchObject({ outcome: "UPDATED", partnership: { signedOn: "2005-03-09", signedPrecision: "DAY" } });
    const cleared = await run({ ...base, signedOn: null });
    expect(cleared).toMatchObject({ outcome: "UPDATED", partnership: { signedOn: null, signedPrecision: null } });
    const alone = await run({ ...base, signedPrecision: "MONTH" });
    expect(alone).toMatchObject({ partnership: null, userErrors: [{ field: ["input", "signedPrecision"], code: "INVALID" }] });
  });

  it("is keyed by (city, partner, kind) without other keys: another kind is another partnership", async () => {
    const before = await server.count("SELECT count(*) AS n FROM partnerships");
    const seoul = await upsert({
      city: "tehran",
      partner: "seoul",
      kind: "SISTER_CITY",
      status: "ACTIVE",
      signedOn: "1963-01-01",
    });
    // The seed's year-only date, resent without a precision, keeps its YEAR: nothing changes.
    expect(seoul).toMatchObject({ outcome: "UNCHANGED", partnership: { version: 1 } });
    const memo = await upsert({ city: "tehran", partner: "seoul", kind: "MEMORANDUM", status: "PROPOSED" });
    expect(memo).toMatchObject({ outcome: "INSERTED", userErrors: [] });
    expect(memo.partnership.id).not.toBe(seoul.partnership.id);
    expect(await server.count("SELECT count(*) AS n FROM partnerships")).toBe(before + 1);
  });

  it("is keyed by (source, externalId): twice gives one record", async () => {
    const input = {
      source: "sister-cities-registry",
      externalId: "SC-42",
      city: "tehran",
      partner: "vienna",
      kind: "FRIENDSHIP",
      status: "PROPOSED",
    };
    const before = await server.count("SELECT count(*) AS n FROM partnerships");
    const first = await upsert(input);
    const second = await upsert(input);
    expect(first.outcome).toBe("INSERTED");
    expect(second).toMatchObject({
      outcome: "UNCHANGED",
      partnership: { id: first.partnership.id, version: 1, externalIds: [{ scheme: "sister-cities-registry", value: "SC-42" }] },
    });
    expect(await server.count("SELECT count(*) AS n FROM partnerships")).toBe(before + 1);
    const changedKind = await upsert({ ...input, kind: "MEMORANDUM" });
    expect(changedKind).toMatchObject({
      outcome: "UPDATED",
      partnership: { id: first.partnership.id, kind: "MEMORANDUM", version: 2 },
    });
    expect(await server.count("SELECT count(*) AS n FROM partnerships")).toBe(before + 1);
  });

  it("reports every invalid field, with its path and code, and writes nothing", async () => {
    const target = (await upsert({ city: "tehran", partner: "berlin", kind: "MEMORANDUM", status: "ACTIVE" })).partnership;
    await upsert({ city: "tehran", partner: "berlin", kind: "FRIENDSHIP", status: "ACTIVE" });
    const before = await counts();
    const cases: [Record<string, unknown>, [string, string][]][] = [
      [{ ...paris, partner: "tehran" }, [["input.partner", "INVALID"]]],
      [{ id: target.id, city: "berlin" }, [["input.city", "INVALID"]]],
      [{ ...paris, city: "atlantis" }, [["input.city", "NOT_FOUND"]]],
      [{ ...paris, partner: "lemuria" }, [["input.partner", "NOT_FOUND"]]],
      [{ ...paris, partner: toGlobalId("City", UNKNOWN) }, [["input.partner", "NOT_FOUND"]]],
      [{ ...paris, partner: toGlobalId("Organisation", UNKNOWN) }, [["input.partner", "INVALID"]]],
      [{ city: "tehran", partner: "madrid", kind: "FRIENDSHIP" }, [["input.status", "INVALID"]]],
      [
        { status: "ACTIVE" },
        [
          ["input.city", "INVALID"],
          ["input.partner", "INVALID"],
          ["input.kind", "INVALID"],
        ],
      ],
      [{ id: target.id, kind: "FRIENDSHIP" }, [["input.kind", "CONFLICT"]]],
      [{ id: target.id, status: "ENDED", expectedVersion: 2 }, [["input.expectedVersion", "VERSION_MISMATCH"]]],
      [{ id: toGlobalId("Partnership", UNKNOWN), status: "ENDED" }, [["input.id", "NOT_FOUND"]]],
      [{ id: toGlobalId("City", UNKNOWN), status: "ENDED" }, [["input.id", "INVALID"]]],
      [{ ...paris, partner: "madrid", externalId: "SC-1" }, [["input.externalId", "INVALID"]]],
      [{ ...paris, partner: "madrid", expectedVersion: 1 }, [["input.expectedVersion", "VERSION_MISMATCH"]]],
    ];
    for (const [input, expected] of cases) {
      const res = await upsert(input);
      expect({ input, errors: errorsOf(res) }).toEqual({ input, errors: expected });
      expect(res).toMatchObject({ partnership: null, outcome: null });
    }
    expect(await counts()).toEqual(before);
    const invalidDate = await server.gql(UPSERT, { input: { ...paris, signedOn: "2022-13-01" } }, bearer(editor));
    expect(errorCodes(invalidDate)).toEqual(["BAD_USER_INPUT"]);
  });

  it("rejects enum values outside the vocabulary: GraphQL before the resolver, the data layer for other callers", async () => {
    const res = await server.gql(UPSERT, { input: { ...paris, kind: "TWIN" } }, bearer(editor));
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    const errors = new UserErrorList();
    const actor = { name: "test", apiKeyId: null, role: "SYSTEM" as const, organisationId: null };
    const write = {
      city: { slug: "tehran" },
      partner: { slug: "madrid" },
      kind: "TWIN",
      status: "MAYBE",
    } as unknown as PartnershipWrite;
    expect(
      await runWrite(server.app.database, { publish() {} }, actor, (session) => upsertPartnership(session, write, errors)),
    ).toBeNull();
    expect(errors.errors.map((e) => [e.field?.join("."), e.code])).toEqual([
      ["kind", "INVALID"],
      ["status", "INVALID"],
    ]);
  });

  it("needs an EDITOR key: none is UNAUTHENTICATED (401), PARTNER and ADMIN are FORBIDDEN (403)", async () => {
    const before = await counts();
    const input = { ...paris, partner: "munich" };
    const anonymous = await server.gql(UPSERT, { input });
    expect(errorCodes(anonymous)).toEqual(["UNAUTHENTICATED"]);
    expect(anonymous.status).toBe(401);
    for (const key of [await server.createKey("PARTNER", { organisation: "metropolis" }), await server.createKey("ADMIN")]) {
      const res = await server.gql(UPSERT, { input }, bearer(key));
      expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
      expect(res.status).toBe(403);
    }
    expect(await counts()).toEqual(before);
  });
});
