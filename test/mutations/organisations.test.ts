import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertOrganisation, type OrganisationWrite } from "../../src/data/writes/organisations.js";
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
    server.count("SELECT count(*) AS n FROM organisations"),
    server.count("SELECT count(*) AS n FROM changes"),
    server.count("SELECT count(*) AS n FROM external_ids"),
  ]);

const UPSERT = `mutation($input: UpsertOrganisationInput!) { upsertOrganisation(input: $input) {
  outcome
  organisation { id slug acronym name { fa en } kind focus website headquarters { slug } monitored provenance version
    externalIds { scheme value } sources { kind title } }
  userErrors { field message code } } }`;

async function upsert(input: Record<string, unknown>, key: string | null = editor) {
  const res = await server.gql(UPSERT, { input }, key ? bearer(key) : {});
  expect(res.errors).toBeUndefined();
  return res.data.upsertOrganisation;
}

/** The ORGANISATION changes after `after` (all of them without it), and the cursor to continue from. */
async function feed(
  after: string | null = null,
): Promise<{ nodes: { type: string; op: string; id: string; version: number }[]; cursor: string | null }> {
  const nodes = [];
  let cursor = after;
  for (;;) {
    const res = await server.gql(
      `query($after: String) { changes(after: $after, first: 500, types: [ORGANISATION]) { nodes { type op id version } pageInfo { hasNextPage endCursor } } }`,
      { after: cursor },
    );
    expect(res.errors).toBeUndefined();
    nodes.push(...res.data.changes.nodes);
    cursor = res.data.changes.pageInfo.endCursor;
    if (!res.data.changes.pageInfo.hasNextPage) return { nodes, cursor };
  }
}

const base = {
  slug: "c40",
  acronym: "C40",
  nameFa: "شبکه شهرهای سی۴۰",
  nameEn: "C40 Cities Climate Leadership Group",
  kind: "CITY_NETWORK",
  focus: ["climate"],
  website: "https://www.c40.org",
  headquarters: "the-hague",
};

describe("upsertOrganisation", () => {
  it("inserts, updates one field (UPDATED, version + 1, one change) and then leaves it UNCHANGED (no change)", async () => {
    const { cursor: head } = await feed();
    const created = await upsert(base);
    expect(created.userErrors).toEqual([]);
    expect(created).toMatchObject({
      outcome: "INSERTED",
      organisation: {
        slug: "c40",
        acronym: "C40",
        name: { en: "C40 Cities Climate Leadership Group" },
        kind: "CITY_NETWORK",
        focus: ["climate"],
        headquarters: { slug: "the-hague" },
        monitored: false,
        provenance: "SOURCED",
        version: 1,
      },
    });
    expect(created.organisation.sources).toEqual([{ kind: "DATA_ENTRY", title: "API data entry (EDITOR)" }]);
    const id = created.organisation.id;
    const afterInsert = await feed(head);
    expect(afterInsert.nodes).toEqual([{ type: "ORGANISATION", op: "UPSERT", id, version: 1 }]);

    const updated = await upsert({ ...base, website: "https://c40.org" });
    expect(updated).toMatchObject({
      outcome: "UPDATED",
      organisation: { id, website: "https://c40.org", version: 2 },
      userErrors: [],
    });
    const afterUpdate = await feed(afterInsert.cursor);
    expect(afterUpdate.nodes).toEqual([{ type: "ORGANISATION", op: "UPSERT", id, version: 2 }]);

    const again = await upsert({ ...base, website: "https://c40.org" });
    expect(again).toMatchObject({ outcome: "UNCHANGED", organisation: { id, version: 2 }, userErrors: [] });
    expect((await feed(afterUpdate.cursor)).nodes).toEqual([]);

    const read = await server.gql(`{ organisation(slug: "c40") { id website version } }`);
    expect(read.data.organisation).toEqual({ id, website: "https://c40.org", version: 2 });
  });

  it("is keyed by (source, externalId): twice gives one record, and a later write updates it", async () => {
    const input = {
      source: "networks-directory",
      externalId: "NET-77",
      slug: "eurocities",
      nameFa: "یوروسیتیز",
      nameEn: "Eurocities",
      kind: "CITY_NETWORK",
    };
    const before = await server.count("SELECT count(*) AS n FROM organisations");
    const first = await upsert(input);
    const second = await upsert(input);
    expect(first.outcome).toBe("INSERTED");
    expect(second).toMatchObject({ outcome: "UNCHANGED", organisation: { id: first.organisation.id, version: 1 } });
    expect(second.organisation.externalIds).toEqual([{ scheme: "networks-directory", value: "NET-77" }]);
    expect(await server.count("SELECT count(*) AS n FROM organisations")).toBe(before + 1);
    // The external key finds the record even when its slug changes.
    const renamed = await upsert({ ...input, slug: "eurocities-network" });
    expect(renamed).toMatchObject({
      outcome: "UPDATED",
      organisation: { id: first.organisation.id, slug: "eurocities-network", version: 2 },
    });
    expect(await server.count("SELECT count(*) AS n FROM organisations")).toBe(before + 1);
  });

  it("without an external key, finds the record by id, else by slug; a new external key is linked to it", async () => {
    const metropolis = (await server.gql(`{ organisation(slug: "metropolis") { id version } }`)).data.organisation;
    const bySlug = await upsert({ slug: "metropolis", source: "networks-directory", externalId: "NET-1", monitored: true });
    expect(bySlug).toMatchObject({
      organisation: { id: metropolis.id, externalIds: [{ scheme: "networks-directory", value: "NET-1" }] },
      userErrors: [],
    });
    const byId = await upsert({ id: metropolis.id, acronym: "METROPOLIS" });
    expect(byId).toMatchObject({
      outcome: "UPDATED",
      organisation: { id: metropolis.id, slug: "metropolis", acronym: "METROPOLIS" },
    });
    // The same record under another id in the same source is a conflict.
    const other = await upsert({ slug: "metropolis", source: "networks-directory", externalId: "NET-2" });
    expect(errorsOf(other)).toEqual([["input.externalId", "CONFLICT"]]);
  });

  it("clears nullable fields with null and keeps omitted ones", async () => {
    const created = await upsert({
      slug: "oclg",
      acronym: "OCLG",
      nameFa: "سازمان",
      nameEn: "Org",
      kind: "OTHER",
      website: "http://oclg.example",
      headquarters: "paris",
    });
    const cleared = await upsert({ slug: "oclg", acronym: null, website: null, headquarters: null });
    expect(cleared).toMatchObject({
      outcome: "UPDATED",
      organisation: {
        id: created.organisation.id,
        acronym: null,
        website: null,
        headquarters: null,
        name: { fa: "سازمان", en: "Org" },
        version: 2,
      },
    });
  });

  it("reports every invalid field, with its path and code, and writes nothing", async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, [string, string][]][] = [
      [{ ...base, slug: "Bad Slug" }, [["input.slug", "INVALID"]]],
      [{ ...base, slug: "a".repeat(61) }, [["input.slug", "INVALID"]]],
      [{ ...base, slug: "-leading" }, [["input.slug", "INVALID"]]],
      [{ ...base, slug: undefined }, [["input.slug", "INVALID"]]],
      [{ ...base, slug: "new-one", nameFa: "" }, [["input.nameFa", "INVALID"]]],
      [{ ...base, slug: "new-one", nameEn: "x".repeat(301) }, [["input.nameEn", "INVALID"]]],
      [{ ...base, slug: "new-one", nameEn: undefined }, [["input.nameEn", "INVALID"]]],
      [
        { ...base, slug: "new-one", nameFa: undefined, nameEn: undefined },
        [
          ["input.nameFa", "INVALID"],
          ["input.nameEn", "INVALID"],
        ],
      ],
      [{ ...base, slug: "new-one", kind: undefined }, [["input.kind", "INVALID"]]],
      [{ ...base, slug: "new-one", website: "ftp://files.example" }, [["input.website", "INVALID"]]],
      [{ ...base, slug: "new-one", website: "not a url" }, [["input.website", "INVALID"]]],
      [{ ...base, slug: "new-one", acronym: "" }, [["input.acronym", "INVALID"]]],
      [{ ...base, slug: "new-one", focus: ["ok", " "] }, [["input.focus.1", "INVALID"]]],
      [{ ...base, slug: "new-one", headquarters: "atlantis" }, [["input.headquarters", "NOT_FOUND"]]],
      [{ ...base, slug: "new-one", headquarters: toGlobalId("Event", "x") }, [["input.headquarters", "INVALID"]]],
      [{ ...base, slug: "new-one", externalId: "X-1" }, [["input.externalId", "INVALID"]]],
      [{ ...base, slug: "new-one", source: "dir", externalId: "" }, [["input.externalId", "INVALID"]]],
      [{ ...base, slug: "new-one", expectedVersion: 1 }, [["input.expectedVersion", "VERSION_MISMATCH"]]],
      [{ ...base, id: toGlobalId("Organisation", "00000000-0000-0000-0000-000000000000") }, [["input.id", "NOT_FOUND"]]],
      [{ ...base, id: toGlobalId("City", "00000000-0000-0000-0000-000000000000") }, [["input.id", "INVALID"]]],
      [
        { slug: "BAD", nameFa: "", website: "mailto:x@y.z", headquarters: "atlantis" },
        [
          ["input.slug", "INVALID"],
          ["input.nameFa", "INVALID"],
          ["input.nameEn", "INVALID"],
          ["input.kind", "INVALID"],
          ["input.website", "INVALID"],
          ["input.headquarters", "NOT_FOUND"],
        ],
      ],
    ];
    for (const [input, expected] of cases) {
      const res = await upsert(input);
      expect({ input, errors: errorsOf(res) }).toEqual({ input, errors: expected });
      expect(res.organisation).toBeNull();
      expect(res.outcome).toBeNull();
      for (const e of res.userErrors) expect(e.message.length).toBeGreaterThan(0);
    }
    expect(await counts()).toEqual(before);
  });

  it("a slug another organisation uses is a CONFLICT; an expectedVersion that is not the record's is a VERSION_MISMATCH", async () => {
    const a = await upsert({ slug: "org-a", nameFa: "الف", nameEn: "A", kind: "OTHER" });
    const b = await upsert({ slug: "org-b", nameFa: "ب", nameEn: "B", kind: "OTHER" });
    const before = await counts();
    const taken = await upsert({ id: b.organisation.id, slug: "org-a" });
    expect(taken.userErrors).toEqual([{ field: ["input", "slug"], message: expect.stringContaining("org-a"), code: "CONFLICT" }]);
    const stale = await upsert({ id: a.organisation.id, nameEn: "A2", expectedVersion: 7 });
    expect(stale.userErrors).toEqual([
      { field: ["input", "expectedVersion"], message: expect.stringContaining("version 1"), code: "VERSION_MISMATCH" },
    ]);
    expect(await counts()).toEqual(before);
    const current = await upsert({ id: a.organisation.id, nameEn: "A2", expectedVersion: 1 });
    expect(current).toMatchObject({ outcome: "UPDATED", organisation: { version: 2, name: { en: "A2" } } });
  });

  it("rejects enum values outside the vocabulary: GraphQL before the resolver, the data layer for other callers", async () => {
    const res = await server.gql(UPSERT, { input: { ...base, slug: "enum-test", kind: "CLUB" } }, bearer(editor));
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    const errors = new UserErrorList();
    const actor = { name: "test", apiKeyId: null, role: "SYSTEM" as const, organisationId: null };
    const write = {
      slug: "enum-test",
      nameFa: "ف",
      nameEn: "E",
      kind: "CLUB",
      provenance: "MAYBE",
    } as unknown as OrganisationWrite;
    const result = await runWrite(server.app.database, { publish() {} }, actor, (session) =>
      upsertOrganisation(session, write, errors),
    );
    expect(result).toBeNull();
    expect(errors.errors.map((e) => [e.field?.join("."), e.code])).toEqual([
      ["kind", "INVALID"],
      ["provenance", "INVALID"],
    ]);
    expect(await server.count("SELECT count(*) AS n FROM organisations WHERE slug = 'enum-test'")).toBe(0);
  });

  it("needs an EDITOR key: none is UNAUTHENTICATED (401), PARTNER and ADMIN are FORBIDDEN (403)", async () => {
    const before = await counts();
    const anonymous = await server.gql(UPSERT, { input: { ...base, slug: "auth-test" } });
    expect(errorCodes(anonymous)).toEqual(["UNAUTHENTICATED"]);
    expect(anonymous.status).toBe(401);
    const partner = await server.gql(
      UPSERT,
      { input: { ...base, slug: "auth-test" } },
      bearer(await server.createKey("PARTNER", { organisation: "metropolis" })),
    );
    expect(errorCodes(partner)).toEqual(["FORBIDDEN"]);
    expect(partner.status).toBe(403);
    const admin = await server.gql(UPSERT, { input: { ...base, slug: "auth-test" } }, bearer(await server.createKey("ADMIN")));
    expect(errorCodes(admin)).toEqual(["FORBIDDEN"]);
    expect(admin.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("makes a new organisation findable by its acronym, and re-indexes it when the acronym changes", async () => {
    const SEARCH = `query($text: String!) { search(text: $text) { __typename ... on Organisation { slug } } }`;
    expect((await server.gql(SEARCH, { text: "ZQXW" })).data.search).toEqual([]);
    await upsert({
      slug: "acronym-test",
      acronym: "ZQXW",
      nameFa: "شبکه آزمایشی",
      nameEn: "Test network",
      kind: "CITY_NETWORK",
      focus: ["resilience"],
    });
    expect((await server.gql(SEARCH, { text: "zqxw" })).data.search[0]).toEqual({
      __typename: "Organisation",
      slug: "acronym-test",
    });
    expect((await server.gql(SEARCH, { text: "شبکه آزمایشی" })).data.search).toContainEqual({
      __typename: "Organisation",
      slug: "acronym-test",
    });
    await upsert({ slug: "acronym-test", acronym: "QWZX" });
    expect((await server.gql(SEARCH, { text: "QWZX" })).data.search[0]).toEqual({
      __typename: "Organisation",
      slug: "acronym-test",
    });
    expect((await server.gql(SEARCH, { text: "ZQXW" })).data.search).toEqual([]);
  });
});
