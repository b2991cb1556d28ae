import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, errorCodes, startTestServer, type TestServer } from "../support/testServer.js";
import { exampleOperation } from "../../examples/operations/index.js";

let server: TestServer;
let editor: string;
let metropolis: string;
let wego: string;
beforeAll(async () => {
  server = await startTestServer();
  editor = await server.createKey("EDITOR");
  metropolis = await server.createKey("PARTNER", { organisation: "metropolis", name: "Metropolis registry" });
  wego = await server.createKey("PARTNER", { organisation: "wego", name: "WeGO registry" });
});
afterAll(() => server.close());

const SYNC = `mutation($input: SyncMembershipsInput!) { syncMemberships(input: $input) {
  replayed memberships { id externalId status role version member { slug } organisation { slug } }
  results { externalId outcome membership { version } } userErrors { field message code } } }`;
const UPSERT = `mutation($input: UpsertMembershipInput!) { upsertMembership(input: $input) {
  outcome membership { id externalId status version startDate startPrecision categoryLabel via { slug } } userErrors { field message code } } }`;
const DELETE = `mutation($input: DeleteInput!) { deleteMembership(input: $input) { deletedId userErrors { field message code } } }`;

describe("the partner-sync example (examples/operations/partner-sync.graphql)", () => {
  const doc = exampleOperation("partner-sync");

  it("runs as written with a PARTNER key for metropolis; a replay changes nothing and answers the same", async () => {
    const first = await server.gql(doc.replace(/query PartnerChanges[\s\S]*$/, ""), { key: "sync-1" }, bearer(metropolis));
    expect(first.errors).toBeUndefined();
    expect(first.data.syncMemberships.userErrors).toEqual([]);
    const [m] = first.data.syncMemberships.memberships;
    expect(m).toMatchObject({ externalId: "MET-TEH-001", status: "ACTIVE" });
    const changesBefore = await server.count("SELECT count(*) AS n FROM changes");
    const rowsBefore = await server.count("SELECT count(*) AS n FROM memberships");
    const replay = await server.gql(doc.replace(/query PartnerChanges[\s\S]*$/, ""), { key: "sync-1" }, bearer(metropolis));
    expect(replay.data).toEqual(first.data);
    expect(await server.count("SELECT count(*) AS n FROM changes")).toBe(changesBefore);
    expect(await server.count("SELECT count(*) AS n FROM memberships")).toBe(rowsBefore);
    expect(
      await server.count("SELECT count(*) AS n FROM external_ids WHERE scheme = 'metropolis-registry' AND value = 'MET-TEH-001'"),
    ).toBe(1);

    const changes = await server.gql(doc.replace(/mutation PartnerSync[\s\S]*?(?=query PartnerChanges)/, ""), { after: null });
    expect(changes.errors).toBeUndefined();
    expect(changes.data.changes.edges.length).toBeGreaterThan(0);
    for (const edge of changes.data.changes.edges) expect(edge.node.type).toBe("MEMBERSHIP");
  });
});

describe("syncMemberships", () => {
  const item = (externalId: string, extra: Record<string, unknown> = {}) => ({
    externalId,
    organisation: "metropolis",
    member: "seoul",
    status: "ACTIVE",
    ...extra,
  });

  it("inserts, updates and leaves unchanged, per item, bumping versions only on change", async () => {
    const input = { source: "metropolis-registry", memberships: [item("MET-A"), item("MET-B", { member: "istanbul" })] };
    const first = await server.gql(SYNC, { input }, bearer(metropolis));
    expect(first.data.syncMemberships.results.map((r: any) => [r.externalId, r.outcome, r.membership.version])).toEqual([
      ["MET-A", "INSERTED", 1],
      ["MET-B", "INSERTED", 1],
    ]);
    const second = await server.gql(
      SYNC,
      { input: { ...input, memberships: [item("MET-A", { status: "SUSPENDED" }), item("MET-B", { member: "istanbul" })] } },
      bearer(metropolis),
    );
    expect(second.data.syncMemberships.results.map((r: any) => [r.outcome, r.membership.version])).toEqual([
      ["UPDATED", 2],
      ["UNCHANGED", 1],
    ]);
    expect(second.data.syncMemberships.memberships[0].status).toBe("SUSPENDED");
  });

  it("applies nothing when the last item is invalid", async () => {
    const before = await Promise.all([
      server.count("SELECT count(*) AS n FROM memberships"),
      server.count("SELECT count(*) AS n FROM changes"),
    ]);
    const res = await server.gql(
      SYNC,
      {
        input: {
          source: "metropolis-registry",
          memberships: [item("MET-C"), item("MET-D"), item("MET-E", { member: "atlantis" })],
        },
      },
      bearer(metropolis),
    );
    expect(res.data.syncMemberships.memberships).toEqual([]);
    expect(res.data.syncMemberships.userErrors).toEqual([
      { field: ["input", "memberships", "2", "member"], message: expect.stringContaining("atlantis"), code: "NOT_FOUND" },
    ]);
    expect(
      await Promise.all([
        server.count("SELECT count(*) AS n FROM memberships"),
        server.count("SELECT count(*) AS n FROM changes"),
      ]),
    ).toEqual(before);
  });

  it("reports every invalid item: dates, duplicates, precision without a date, too many items", async () => {
    const res = await server.gql(
      SYNC,
      {
        input: {
          source: "metropolis-registry",
          memberships: [
            item("X1", { startDate: "2020-05-01", endDate: "2019-01-01" }),
            item("X2", { startPrecision: "YEAR" }),
            item("X2"),
            item("X3", { via: "metropolis" }),
            item("", {}),
          ],
        },
      },
      bearer(metropolis),
    );
    const errors = res.data.syncMemberships.userErrors.map((e: any) => [e.field.join("."), e.code]);
    expect(errors).toEqual([
      ["input.memberships.0.endDate", "INVALID"],
      ["input.memberships.1.startPrecision", "INVALID"],
      ["input.memberships.2.externalId", "CONFLICT"],
      ["input.memberships.3.via", "INVALID"],
      ["input.memberships.4.externalId", "INVALID"],
    ]);
    const many = await server.gql(
      SYNC,
      { input: { source: "s", memberships: Array.from({ length: 251 }, (_, i) => item(`M${i}`)) } },
      bearer(metropolis),
    );
    // Refused before execution by the list-input limit, like any list longer than 250.
    expect(errorCodes(many)).toEqual(["LIST_INPUT_TOO_LONG"]);
  });

  it("the same idempotency key with a different input is a CONFLICT and writes nothing", async () => {
    const input = { idempotencyKey: "k-conflict", source: "metropolis-registry", memberships: [item("MET-K")] };
    expect((await server.gql(SYNC, { input }, bearer(metropolis))).data.syncMemberships.userErrors).toEqual([]);
    const before = await server.count("SELECT count(*) AS n FROM memberships");
    const other = await server.gql(SYNC, { input: { ...input, memberships: [item("MET-K2")] } }, bearer(metropolis));
    expect(other.data.syncMemberships.userErrors).toEqual([
      { field: ["input", "idempotencyKey"], message: expect.any(String), code: "CONFLICT" },
    ]);
    expect(await server.count("SELECT count(*) AS n FROM memberships")).toBe(before);
    const replay = await server.gql(SYNC, { input }, bearer(metropolis));
    expect(replay.data.syncMemberships.replayed).toBe(true);
    expect(replay.data.syncMemberships.results[0].outcome).toBe("INSERTED");
  });

  it("a partner may not write another organisation's memberships (FORBIDDEN, nothing written)", async () => {
    const before = await server.count("SELECT count(*) AS n FROM memberships");
    const res = await server.gql(
      SYNC,
      {
        input: {
          source: "wego-registry",
          memberships: [{ externalId: "W1", organisation: "wego", member: "seoul", status: "ACTIVE" }, item("MET-W")],
        },
      },
      bearer(wego),
    );
    expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
    expect(res.status).toBe(403);
    expect(await server.count("SELECT count(*) AS n FROM memberships")).toBe(before);
  });
});

describe("upsertMembership and deleteMembership", () => {
  it("upserts by (source, externalId), keeps a year precision when the date is resent, and reports unchanged", async () => {
    const input = {
      source: "editor-desk",
      externalId: "E-1",
      organisation: "uclg",
      member: "tehran",
      status: "ACTIVE",
      startDate: "2006-01-01",
      startPrecision: "YEAR",
      via: "uclg-mewa",
      categoryLabel: "Full member",
    };
    const created = await server.gql(UPSERT, { input }, bearer(editor));
    expect(created.data.upsertMembership).toMatchObject({
      outcome: "INSERTED",
      membership: { version: 1, startPrecision: "YEAR", via: { slug: "uclg-mewa" } },
      userErrors: [],
    });
    const resent = await server.gql(UPSERT, { input: { ...input, startPrecision: undefined } }, bearer(editor));
    expect(resent.data.upsertMembership).toMatchObject({
      outcome: "UNCHANGED",
      membership: { version: 1, startPrecision: "YEAR" },
    });
    const cleared = await server.gql(UPSERT, { input: { ...input, via: null } }, bearer(editor));
    expect(cleared.data.upsertMembership).toMatchObject({ outcome: "UPDATED", membership: { version: 2, via: null } });
  });

  it("a MONTH-precision start reads back as the two Jalali months it overlaps, with no day", async () => {
    const res = await server.gql(
      `mutation($input: UpsertMembershipInput!) { upsertMembership(input: $input) {
        membership { startDate startPrecision endPrecision
          startJalali { precision year month day lastYear lastMonth iso en: monthName(lang: EN) fa: monthName(lang: FA) }
          endJalali { precision year month day iso } }
        userErrors { field message } } }`,
      {
        input: {
          source: "editor-desk",
          externalId: "E-MONTH",
          organisation: "citynet",
          member: "tehran",
          status: "ENDED",
          startDate: "2023-03-01",
          startPrecision: "MONTH",
          endDate: "2024-06-15",
        },
      },
      bearer(editor),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.upsertMembership.userErrors).toEqual([]);
    // March 2023 runs from 10 Esfand 1401 to 11 Farvardin 1402: it crosses the Jalali new year.
    expect(res.data.upsertMembership.membership).toEqual({
      startDate: "2023-03-01",
      startPrecision: "MONTH",
      endPrecision: "DAY",
      startJalali: {
        precision: "MONTH",
        year: 1401,
        month: 12,
        day: null,
        lastYear: 1402,
        lastMonth: 1,
        iso: "1401-12/1402-01",
        en: "Esfand–Farvardin",
        fa: "اسفند–فروردین",
      },
      endJalali: { precision: "DAY", year: 1403, month: 3, day: 26, iso: "1403-03-26" },
    });
  });

  it("updates by ID; a wrong-type ID, unknown references and a stale version are user errors", async () => {
    const created = await server.gql(
      UPSERT,
      { input: { organisation: "citynet", member: "tehran", status: "APPLIED" } },
      bearer(editor),
    );
    const id = created.data.upsertMembership.membership.id;
    const updated = await server.gql(
      UPSERT,
      { input: { id, organisation: "citynet", member: "tehran", status: "ACTIVE", expectedVersion: 1 } },
      bearer(editor),
    );
    expect(updated.data.upsertMembership).toMatchObject({ outcome: "UPDATED", membership: { version: 2, status: "ACTIVE" } });
    const stale = await server.gql(
      UPSERT,
      { input: { id, organisation: "citynet", member: "tehran", status: "ENDED", expectedVersion: 1 } },
      bearer(editor),
    );
    expect(stale.data.upsertMembership).toMatchObject({
      membership: null,
      userErrors: [{ field: ["input", "expectedVersion"], code: "VERSION_MISMATCH" }],
    });
    const tripId = (await server.gql(`{ trips(first: 1) { nodes { id } } }`)).data.trips.nodes[0].id;
    const wrongType = await server.gql(
      UPSERT,
      { input: { id: tripId, organisation: "citynet", member: "tehran", status: "ACTIVE" } },
      bearer(editor),
    );
    expect(wrongType.data.upsertMembership.userErrors.map((e: any) => [e.field.join("."), e.code])).toEqual([
      ["input.id", "INVALID"],
    ]);
    const unknown = await server.gql(
      UPSERT,
      { input: { organisation: "nowhere", member: "atlantis", via: "nobody", status: "ACTIVE" } },
      bearer(editor),
    );
    expect(unknown.data.upsertMembership.userErrors.map((e: any) => [e.field.join("."), e.code])).toEqual([
      ["input.organisation", "NOT_FOUND"],
      ["input.member", "NOT_FOUND"],
      ["input.via", "NOT_FOUND"],
    ]);
    const noSource = await server.gql(
      UPSERT,
      { input: { externalId: "lonely", organisation: "citynet", member: "tehran", status: "ACTIVE" } },
      bearer(editor),
    );
    expect(noSource.data.upsertMembership.userErrors[0]).toMatchObject({ field: ["input", "externalId"], code: "INVALID" });
  });

  it("two writers with the same expected version: exactly one wins", async () => {
    const created = await server.gql(
      UPSERT,
      { input: { organisation: "oicc", member: "beirut", status: "APPLIED" } },
      bearer(editor),
    );
    const id = created.data.upsertMembership.membership.id;
    const write = (status: string) =>
      server.gql(UPSERT, { input: { id, organisation: "oicc", member: "beirut", status, expectedVersion: 1 } }, bearer(editor));
    const answers = await Promise.all([write("ACTIVE"), write("SUSPENDED"), write("ENDED")]);
    const won = answers.filter((a) => a.data.upsertMembership.userErrors.length === 0);
    const lost = answers.filter((a) => a.data.upsertMembership.userErrors[0]?.code === "VERSION_MISMATCH");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(2);
    const now = await server.gql(`query($id: ID!) { node(id: $id) { ... on Membership { version status } } }`, { id });
    expect(now.data.node).toEqual({ version: 2, status: won[0].data.upsertMembership.membership.status });
  });

  it("deletes, leaving a tombstone in the feed; a partner may not delete another organisation's membership", async () => {
    const created = await server.gql(
      UPSERT,
      { input: { organisation: "metropolis", member: "moscow", status: "ACTIVE" } },
      bearer(editor),
    );
    const { id } = created.data.upsertMembership.membership;
    const refused = await server.gql(DELETE, { input: { id } }, bearer(wego));
    expect(errorCodes(refused)).toEqual(["FORBIDDEN"]);
    const stale = await server.gql(DELETE, { input: { id, expectedVersion: 7 } }, bearer(metropolis));
    expect(stale.data.deleteMembership.userErrors[0].code).toBe("VERSION_MISMATCH");
    const deleted = await server.gql(DELETE, { input: { id } }, bearer(metropolis));
    expect(deleted.data.deleteMembership).toEqual({ deletedId: id, userErrors: [] });
    expect((await server.gql(`query($id: ID!) { node(id: $id) { id } }`, { id })).data.node).toBeNull();
    const feed = await server.gql(`{ changes(first: 500, types: [MEMBERSHIP]) { nodes { id op version node { id } } } }`);
    const mine = feed.data.changes.nodes.filter((c: any) => c.id === id);
    expect(mine.map((c: any) => [c.op, c.version, c.node])).toEqual([
      ["UPSERT", 1, null],
      ["DELETE", 2, null],
    ]);
    const again = await server.gql(DELETE, { input: { id } }, bearer(metropolis));
    expect(again.data.deleteMembership.userErrors[0].code).toBe("NOT_FOUND");
  });
});

describe("tenancy: external ids live in the namespace of the membership's organisation", () => {
  const syncAs = (key: string, source: string, memberships: Record<string, unknown>[]) =>
    server.gql(SYNC, { input: { source, memberships } }, bearer(key));
  const mem = (externalId: string, organisation: string, extra: Record<string, unknown> = {}) => ({
    externalId,
    organisation,
    member: "seoul",
    status: "ACTIVE",
    ...extra,
  });

  it("WeGO using Metropolis's source and id neither blocks nor touches Metropolis's M-100", async () => {
    const planted = await syncAs(wego, "metropolis-registry", [mem("M-100", "wego")]);
    expect(planted.data.syncMemberships.results).toEqual([
      { externalId: "M-100", outcome: "INSERTED", membership: { version: 1 } },
    ]);

    // Metropolis's own sync of M-100 (with another item) is applied whole, as a record of its own.
    const own = await syncAs(metropolis, "metropolis-registry", [mem("M-100", "metropolis"), mem("M-101", "metropolis")]);
    expect(own.errors).toBeUndefined();
    expect(own.data.syncMemberships.userErrors).toEqual([]);
    expect(own.data.syncMemberships.results.map((r: any) => r.outcome)).toEqual(["INSERTED", "INSERTED"]);
    const [metM100, wegoM100] = [own.data.syncMemberships.memberships[0], planted.data.syncMemberships.memberships[0]];
    expect(metM100.id).not.toBe(wegoM100.id);
    expect(metM100.organisation.slug).toBe("metropolis");

    // Each side's later syncs find its own record only.
    const again = await syncAs(metropolis, "metropolis-registry", [mem("M-100", "metropolis", { status: "SUSPENDED" })]);
    expect(again.data.syncMemberships.results[0]).toMatchObject({ outcome: "UPDATED", membership: { version: 2 } });
    expect(again.data.syncMemberships.memberships[0].id).toBe(metM100.id);
    const wegoAgain = await syncAs(wego, "metropolis-registry", [mem("M-100", "wego")]);
    expect(wegoAgain.data.syncMemberships.results[0]).toMatchObject({ outcome: "UNCHANGED", membership: { version: 1 } });
    expect(wegoAgain.data.syncMemberships.memberships[0].id).toBe(wegoM100.id);

    // An EDITOR's sync names the organisation, so it reaches Metropolis's M-100 as Metropolis does.
    const byEditor = await syncAs(editor, "metropolis-registry", [mem("M-100", "metropolis", { status: "SUSPENDED" })]);
    expect(byEditor.data.syncMemberships.results[0].outcome).toBe("UNCHANGED");
    expect(byEditor.data.syncMemberships.memberships[0].id).toBe(metM100.id);

    // Each organisation's records cite a source that organisation publishes.
    const sources = await server.gql(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Membership { sources { kind title publisher } } } }`,
      { ids: [metM100.id, wegoM100.id] },
    );
    expect(sources.data.nodes.map((n: any) => n.sources)).toEqual([
      [
        {
          kind: "PARTNER_SYNC",
          title: "metropolis-registry",
          publisher: "Metropolis, World Association of the Major Metropolises",
        },
      ],
      [{ kind: "PARTNER_SYNC", title: "metropolis-registry", publisher: "WeGO, World Smart Sustainable Cities Organization" }],
    ]);
  });

  it("a partner cannot probe whether another organisation's external id exists: the refusal is the same", async () => {
    await syncAs(metropolis, "metropolis-registry", [mem("PROBE-1", "metropolis")]);
    const existing = await syncAs(wego, "metropolis-registry", [mem("PROBE-1", "metropolis")]);
    const missing = await syncAs(wego, "metropolis-registry", [mem("PROBE-NONE", "metropolis")]);
    expect(errorCodes(existing)).toEqual(["FORBIDDEN"]);
    expect(existing.errors![0].message).toBe(missing.errors![0].message);
    expect(existing.status).toBe(missing.status);
    // Within its own organisation, the same id finds nothing of Metropolis's: expectedVersion 1 says so.
    const versioned = await syncAs(wego, "metropolis-registry", [mem("PROBE-1", "wego", { expectedVersion: 1 })]);
    expect(versioned.data.syncMemberships.userErrors).toEqual([
      {
        field: ["input", "memberships", "0", "expectedVersion"],
        message: "No membership exists yet for this key (expected version 1).",
        code: "VERSION_MISMATCH",
      },
    ]);
  });

  it("a PARTNER may set via only to its own organisation: another organisation there is FORBIDDEN, nothing written", async () => {
    const before = await server.count("SELECT count(*) AS n FROM memberships");
    const changesBefore = await server.count("SELECT count(*) AS n FROM changes");
    const res = await syncAs(metropolis, "metropolis-registry", [
      mem("VIA-1", "metropolis"),
      mem("VIA-2", "metropolis", { via: "wego" }),
    ]);
    expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
    expect(res.status).toBe(403);
    expect(res.errors![0].message).toMatch(/via only to its own organisation/);
    expect(await server.count("SELECT count(*) AS n FROM memberships")).toBe(before);
    expect(await server.count("SELECT count(*) AS n FROM changes")).toBe(changesBefore);
    const upsert = await server.gql(
      UPSERT,
      { input: { source: "metropolis-registry", ...mem("VIA-3", "metropolis", { via: "uclg-mewa" }) } },
      bearer(metropolis),
    );
    expect(errorCodes(upsert)).toEqual(["FORBIDDEN"]);

    // An EDITOR may put another organisation there; the partner's resync that keeps it is fine.
    const set = await server.gql(
      UPSERT,
      { input: { source: "metropolis-registry", ...mem("VIA-4", "metropolis", { via: "uclg-mewa" }) } },
      bearer(editor),
    );
    expect(set.data.upsertMembership).toMatchObject({ outcome: "INSERTED", membership: { via: { slug: "uclg-mewa" } } });
    const kept = await syncAs(metropolis, "metropolis-registry", [mem("VIA-4", "metropolis", { via: "uclg-mewa" })]);
    expect(kept.data.syncMemberships.results[0].outcome).toBe("UNCHANGED");
    const cleared = await syncAs(metropolis, "metropolis-registry", [mem("VIA-4", "metropolis", { via: null })]);
    expect(cleared.data.syncMemberships.results[0].outcome).toBe("UPDATED");
  });

  it("an EDITOR moving a membership to another organisation moves its ids along, unless they are taken there", async () => {
    const a = await syncAs(metropolis, "shared-registry", [mem("MOVE-1", "metropolis")]);
    const id = a.data.syncMemberships.memberships[0].id;
    await syncAs(wego, "shared-registry", [mem("MOVE-1", "wego")]);
    const blocked = await server.gql(
      UPSERT,
      { input: { id, organisation: "wego", member: "seoul", status: "ACTIVE" } },
      bearer(editor),
    );
    expect(blocked.data.upsertMembership.userErrors).toEqual([
      {
        field: ["input", "organisation"],
        message: 'The organisation already has a membership with externalId "MOVE-1" of source "shared-registry".',
        code: "CONFLICT",
      },
    ]);
    const moved = await server.gql(
      UPSERT,
      { input: { id, organisation: "uclg-mewa", member: "seoul", status: "ACTIVE" } },
      bearer(editor),
    );
    expect(moved.data.upsertMembership.outcome).toBe("UPDATED");
    const found = await syncAs(editor, "shared-registry", [mem("MOVE-1", "uclg-mewa")]);
    expect(found.data.syncMemberships.memberships[0].id).toBe(id);
  });
});
