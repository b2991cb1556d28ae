/**
 * `history` and `asOfVersion` on each record type, through the write each type has: a record reads
 * as each version left it, its history lists each version with the fields it changed, and a
 * relation changed after the moment asked about reads as it stood then (an attendance's event, a
 * trip's delegation). Memberships, the one type that is deleted through the API, are in
 * asOf.test.ts and history.test.ts with their deletion.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, startTestServer, type TestServer } from "../support/testServer.js";

const VERSIONS = `history(first: 10) { totalCount nodes { version op sequence changedFields } }`;

describe("history and as-of, per record type", () => {
  let server: TestServer;
  let editor: string;

  beforeAll(async () => {
    server = await startTestServer();
    editor = await server.createKey("EDITOR");
  }, 60_000);
  afterAll(() => server?.close());

  /** Runs a mutation as the editor; returns its payload and the data version after it. */
  async function write(mutation: string, input: Record<string, unknown>) {
    const res = await server.gql(mutation, { input }, bearer(editor));
    expect(res.errors).toBeUndefined();
    const payload = Object.values(res.data as Record<string, any>)[0];
    expect(payload.userErrors).toEqual([]);
    return { payload, version: res.extensions.dataVersion as number };
  }

  async function node(id: string, selection: string, version: number | null = null) {
    const res = await server.gql(`query($id: ID!, $v: Int) { node(id: $id, asOfVersion: $v) { ${selection} } }`, {
      id,
      v: version,
    });
    expect(res.errors).toBeUndefined();
    return res.data.node;
  }

  it("Organisation: an update is a second version; as of the first, the old name", async () => {
    const UPSERT = `mutation($input: UpsertOrganisationInput!) { upsertOrganisation(input: $input) { organisation { id } userErrors { code } } }`;
    const base = { slug: "history-network", nameFa: "شبکهٔ آزمایشی", nameEn: "History Network", kind: "CITY_NETWORK" };
    const created = await write(UPSERT, base);
    const id = created.payload.organisation.id;
    const renamed = await write(UPSERT, { ...base, id, nameEn: "History Network, renamed" });
    const selection = `... on Organisation { name { en } version ${VERSIONS} }`;
    expect(await node(id, selection, created.version - 1)).toBeNull();
    const then = await node(id, selection, created.version);
    expect(then).toMatchObject({ name: { en: "History Network" }, version: 1 });
    const now = await node(id, selection);
    expect(now).toMatchObject({ name: { en: "History Network, renamed" }, version: 2 });
    expect(now.history.nodes.map((v: any) => [v.version, v.op, v.sequence])).toEqual([
      [1, "UPSERT", created.version],
      [2, "UPSERT", renamed.version],
    ]);
    expect(now.history.nodes[1].changedFields).toContain("nameEn");
    expect(now.history.nodes[1].changedFields).not.toContain("slug");
    // As of the first version, history stops there.
    expect(then.history.totalCount).toBe(1);
  });

  it("Event and Attendance: an attendance as of its recording reads its event as the event stood then", async () => {
    const UPSERT = `mutation($input: UpsertEventInput!) { upsertEvent(input: $input) { event { id } userErrors { code } } }`;
    const RECORD = `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { attendance { id } userErrors { code } } }`;
    const summit = {
      nameFa: "اجلاس تاریخچه",
      nameEn: "History Summit",
      kind: "SUMMIT",
      format: "HYBRID",
      organiser: "metropolis",
      host: "seoul",
      startDate: "2022-10-05",
    };
    const created = await write(UPSERT, summit);
    const event = created.payload.event.id;
    const recorded = await write(RECORD, { city: "tehran", event, mode: "ONLINE" });
    const attendance = recorded.payload.attendance.id;
    const renamed = await write(UPSERT, { ...summit, id: event, nameEn: "History Summit 2022", format: "ONLINE" });

    const selection = `... on Attendance { mode version event { name { en } format version } ${VERSIONS} }`;
    const then = await node(attendance, selection, recorded.version);
    expect(then).toMatchObject({
      mode: "ONLINE",
      version: 1,
      event: { name: { en: "History Summit" }, format: "HYBRID", version: 1 },
    });
    const now = await node(attendance, selection);
    expect(now.event).toEqual({ name: { en: "History Summit 2022" }, format: "ONLINE", version: 2 });
    expect(now.history.nodes.map((v: any) => v.sequence)).toEqual([recorded.version]);
    expect(await node(attendance, selection, created.version)).toBeNull();

    const eventHistory = await node(event, `... on Event { ${VERSIONS} }`);
    expect(eventHistory.history.nodes.map((v: any) => v.sequence)).toEqual([created.version, renamed.version]);
    expect(eventHistory.history.nodes[1].changedFields).toEqual(expect.arrayContaining(["nameEn", "format"]));
  });

  it("Partnership: a status change, and the partner's list as of before and after", async () => {
    const UPSERT = `mutation($input: UpsertPartnershipInput!) { upsertPartnership(input: $input) { partnership { id } userErrors { code } } }`;
    const tie = { city: "tehran", partner: "paris", kind: "SISTER_CITY", status: "PROPOSED", signedOn: "2022-08-23" };
    const created = await write(UPSERT, tie);
    const id = created.payload.partnership.id;
    const changed = await write(UPSERT, { ...tie, id, status: "ACTIVE" });
    const selection = `... on Partnership { status version partner { slug } ${VERSIONS} }`;
    expect(await node(id, selection, created.version)).toMatchObject({ status: "PROPOSED", version: 1 });
    const now = await node(id, selection);
    expect(now).toMatchObject({ status: "ACTIVE", version: 2, partner: { slug: "paris" } });
    expect(now.history.nodes[1]).toMatchObject({ sequence: changed.version, changedFields: expect.arrayContaining(["status"]) });
    const count = async (v: number) =>
      (
        await server.gql(
          `query($v: Int) { partnerships(first: 100, filter: { status: [ACTIVE] }, asOfVersion: $v) { totalCount } }`,
          {
            v,
          },
        )
      ).data.partnerships.totalCount as number;
    expect(await count(changed.version)).toBe((await count(created.version)) + 1);
  });

  it("Trip: the workflow's steps are versions; as of the approval, the status and the delegation as they were", async () => {
    const PAYLOAD = `trip { id } userErrors { code }`;
    const requested = await write(`mutation($input: RequestTripInput!) { requestTrip(input: $input) { ${PAYLOAD} } }`, {
      titleEn: "History trip",
      purpose: "SUMMIT",
      requestingUnit: "مرکز ارتباطات و امور بین‌الملل",
      requestedOn: "2024-04-01",
      startDate: "2024-05-10",
      endDate: "2024-05-14",
      destinations: ["istanbul"],
      delegates: [
        { position: "مدیرکل", role: "HEAD" },
        { position: "کارشناس", role: "EXPERT" },
      ],
    });
    const id = requested.payload.trip.id;
    const approved = await write(`mutation($input: DecideTripInput!) { decideTrip(input: $input) { ${PAYLOAD} } }`, {
      id,
      outcome: "APPROVED",
      decidedOn: "2024-04-10",
    });
    const completed = await write(`mutation($input: CompleteTripInput!) { completeTrip(input: $input) { ${PAYLOAD} } }`, {
      id,
      delegates: [{ position: "مدیرکل", role: "HEAD" }],
    });
    const selection = `... on Trip { status version delegationSize delegates { role } decision { outcome } ${VERSIONS} }`;
    expect(await node(id, selection, requested.version)).toMatchObject({ status: "REQUESTED", version: 1, decision: null });
    expect(await node(id, selection, approved.version)).toMatchObject({
      status: "APPROVED",
      version: 2,
      delegationSize: 2,
      delegates: [{ role: "HEAD" }, { role: "EXPERT" }],
      decision: { outcome: "APPROVED" },
    });
    const now = await node(id, selection);
    expect(now).toMatchObject({ status: "COMPLETED", version: 3, delegationSize: 1, delegates: [{ role: "HEAD" }] });
    expect(now.history.nodes.map((v: any) => [v.version, v.sequence])).toEqual([
      [1, requested.version],
      [2, approved.version],
      [3, completed.version],
    ]);
    expect(now.history.nodes[1].changedFields).toEqual(expect.arrayContaining(["status", "decisionOutcome"]));
  });

  it("City: no write changes one, so its history is the seed's load and it reads the same at any moment since", async () => {
    const korean = (await server.gql(`{ cities(first: 100, filter: { countries: ["KR"] }) { nodes { id slug } } }`)).data.cities
      .nodes;
    const city = korean.find((c: { slug: string }) => c.slug === "seoul");
    const selection = `... on City { slug version ${VERSIONS} }`;
    const now = await node(city.id, selection);
    expect(now).toMatchObject({ slug: "seoul", version: 1, history: { totalCount: 1 } });
    expect(now.history.nodes[0].op).toBe("UPSERT");
    const loaded = now.history.nodes[0].sequence;
    expect(await node(city.id, selection, loaded)).toEqual(now);
    // The seed's load is one moment: as of its first change, the city and its history are there.
    expect(loaded).toBeGreaterThan(1);
    expect(await node(city.id, selection, 1)).toEqual(now);
    const before = await server.gql(`query($id: ID!) { node(id: $id, asOfVersion: 0) { id } }`, { id: city.id });
    expect(before.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const latest = (await server.gql(`{ __typename }`)).extensions.dataVersion;
    expect(await node(city.id, selection, latest)).toEqual(now);
  });
});
