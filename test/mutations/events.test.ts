import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertEvent, type EventWrite } from "../../src/data/writes/events.js";
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
    server.count("SELECT count(*) AS n FROM events"),
    server.count("SELECT count(*) AS n FROM attendances"),
    server.count("SELECT count(*) AS n FROM changes"),
    server.count("SELECT count(*) AS n FROM external_ids"),
  ]);
const UNKNOWN = "00000000-0000-0000-0000-000000000000";

const UPSERT = `mutation($input: UpsertEventInput!) { upsertEvent(input: $input) {
  outcome
  event { id name { fa en } kind format status organiser { slug } host { slug } startDate endDate startJalali { year month day } provenance version
    externalIds { scheme value } sources { kind } }
  userErrors { field message code } } }`;
const RECORD = `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) {
  attendance { id mode outcomes version provenance city { slug } event { id } trip { code } membership { organisation { slug } } sources { kind } }
  userErrors { field message code } } }`;

async function upsert(input: Record<string, unknown>) {
  const res = await server.gql(UPSERT, { input }, bearer(editor));
  expect(res.errors).toBeUndefined();
  return res.data.upsertEvent;
}
async function record(input: Record<string, unknown>) {
  const res = await server.gql(RECORD, { input }, bearer(editor));
  expect(res.errors).toBeUndefined();
  return res.data.recordAttendance;
}

/** The changes of `types` after `after` (all of them without it), and the cursor to continue from. */
async function feed(
  types: string[],
  after: string | null = null,
): Promise<{ nodes: { type: string; id: string; version: number }[]; cursor: string | null }> {
  const nodes = [];
  let cursor = after;
  for (;;) {
    const res = await server.gql(
      `query($after: String, $types: [ChangeType!]) { changes(after: $after, first: 500, types: $types) { nodes { type id version } pageInfo { hasNextPage endCursor } } }`,
      { after: cursor, types },
    );
    expect(res.errors).toBeUndefined();
    nodes.push(...res.data.changes.nodes);
    cursor = res.data.changes.pageInfo.endCursor;
    if (!res.data.changes.pageInfo.hasNextPage) return { nodes, cursor };
  }
}

const summit = {
  nameFa: "اجلاس آزمایشی شهرها",
  nameEn: "Test Cities Summit",
  kind: "SUMMIT",
  format: "HYBRID",
  organiser: "metropolis",
  host: "seoul",
  startDate: "2022-10-05",
  endDate: "2022-10-07",
};

describe("upsertEvent", () => {
  it("inserts, updates one field (UPDATED, version + 1, one change) and then leaves it UNCHANGED (no change)", async () => {
    const { cursor: head } = await feed(["EVENT"]);
    const created = await upsert(summit);
    expect(created.userErrors).toEqual([]);
    expect(created).toMatchObject({
      outcome: "INSERTED",
      event: {
        name: { fa: summit.nameFa, en: summit.nameEn },
        kind: "SUMMIT",
        format: "HYBRID",
        status: "SCHEDULED",
        organiser: { slug: "metropolis" },
        host: { slug: "seoul" },
        startDate: "2022-10-05",
        endDate: "2022-10-07",
        startJalali: { year: 1401, month: 7, day: 13 },
        provenance: "SOURCED",
        version: 1,
        sources: [{ kind: "DATA_ENTRY" }],
      },
    });
    const id = created.event.id;
    const afterInsert = await feed(["EVENT"], head);
    expect(afterInsert.nodes).toEqual([{ type: "EVENT", id, version: 1 }]);

    const updated = await upsert({ ...summit, id, status: "MOVED_ONLINE" });
    expect(updated).toMatchObject({ outcome: "UPDATED", event: { id, status: "MOVED_ONLINE", version: 2 }, userErrors: [] });
    const afterUpdate = await feed(["EVENT"], afterInsert.cursor);
    expect(afterUpdate.nodes).toEqual([{ type: "EVENT", id, version: 2 }]);

    const again = await upsert({ ...summit, id, status: "MOVED_ONLINE" });
    expect(again).toMatchObject({ outcome: "UNCHANGED", event: { id, version: 2 }, userErrors: [] });
    expect((await feed(["EVENT"], afterUpdate.cursor)).nodes).toEqual([]);

    // A new start date moves the stored Jalali month with it.
    const moved = await upsert({ id, startDate: "2022-08-23", endDate: null });
    expect(moved).toMatchObject({
      outcome: "UPDATED",
      event: { startDate: "2022-08-23", endDate: null, startJalali: { year: 1401, month: 6, day: 1 }, version: 3 },
    });
    const filtered = await server.gql(
      `{ events(filter: { period: { jalaliYear: 1401, jalaliMonthFrom: 6, jalaliMonthTo: 6 } }, first: 100) { nodes { id } } }`,
    );
    expect(filtered.data.events.nodes.map((n: { id: string }) => n.id)).toContain(id);
  });

  it("refuses an externalId its source already gave a record of another type, as CONFLICT, writing nothing", async () => {
    const organisation = await server.gql(
      `mutation($input: UpsertOrganisationInput!) { upsertOrganisation(input: $input) { outcome userErrors { code } } }`,
      {
        input: {
          source: "shared-registry",
          externalId: "SR-1",
          slug: "shared-registry-org",
          nameFa: "نهاد آزمایشی",
          nameEn: "Registry Org",
          kind: "OTHER",
        },
      },
      bearer(editor),
    );
    expect(organisation.errors).toBeUndefined();
    expect(organisation.data.upsertOrganisation).toMatchObject({ outcome: "INSERTED", userErrors: [] });
    const before = await counts();
    const res = await server.gql(
      UPSERT,
      { input: { ...summit, nameEn: "Registry Summit", source: "shared-registry", externalId: "SR-1" } },
      bearer(editor),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.upsertEvent.event).toBeNull();
    expect(res.data.upsertEvent.userErrors).toEqual([
      expect.objectContaining({
        field: ["input", "externalId"],
        code: "CONFLICT",
        message: expect.stringContaining("an organisation"),
      }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it("is keyed by (source, externalId): twice gives one record", async () => {
    const input = { ...summit, nameEn: "Keyed Summit", source: "metropolis-events", externalId: "EV-1" };
    const before = await server.count("SELECT count(*) AS n FROM events");
    const first = await upsert(input);
    const second = await upsert(input);
    expect(first.outcome).toBe("INSERTED");
    expect(second).toMatchObject({
      outcome: "UNCHANGED",
      event: { id: first.event.id, version: 1, externalIds: [{ scheme: "metropolis-events", value: "EV-1" }] },
    });
    expect(await server.count("SELECT count(*) AS n FROM events")).toBe(before + 1);
    const renamed = await upsert({ source: "metropolis-events", externalId: "EV-1", nameEn: "Keyed Summit 2022" });
    expect(renamed).toMatchObject({
      outcome: "UPDATED",
      event: { id: first.event.id, name: { en: "Keyed Summit 2022", fa: summit.nameFa }, version: 2 },
    });
    expect(await server.count("SELECT count(*) AS n FROM events")).toBe(before + 1);
  });

  it("takes a name in one language and is found by it", async () => {
    const created = await upsert({ nameFa: "همایش فقط فارسی", kind: "CONFERENCE", format: "IN_PERSON", startDate: "2023-01-10" });
    expect(created).toMatchObject({ outcome: "INSERTED", event: { name: { fa: "همایش فقط فارسی" } }, userErrors: [] });
    const hits = await server.gql(`{ search(text: "همایش فقط فارسی") { __typename ... on Event { id } } }`);
    expect(hits.data.search).toContainEqual({ __typename: "Event", id: created.event.id });
    const cleared = await upsert({ id: created.event.id, nameFa: null });
    expect(errorsOf(cleared)).toEqual([["input.nameFa", "INVALID"]]);
  });

  it("reports every invalid field, with its path and code, and writes nothing", async () => {
    const existing = (await upsert({ ...summit, nameEn: "Validation target" })).event;
    const before = await counts();
    const cases: [Record<string, unknown>, [string, string][]][] = [
      [{ ...summit, endDate: "2022-10-01" }, [["input.endDate", "INVALID"]]],
      [{ ...summit, startDate: "0500-01-01", endDate: undefined }, [["input.startDate", "INVALID"]]],
      [{ id: existing.id, endDate: "2022-10-04" }, [["input.endDate", "INVALID"]]],
      [{ id: existing.id, startDate: "2022-10-08" }, [["input.startDate", "INVALID"]]],
      [{ ...summit, nameFa: undefined, nameEn: undefined }, [["input.nameEn", "INVALID"]]],
      [{ ...summit, nameEn: "" }, [["input.nameEn", "INVALID"]]],
      [{ ...summit, nameFa: "ن".repeat(301) }, [["input.nameFa", "INVALID"]]],
      [
        { ...summit, kind: undefined, format: undefined, startDate: undefined, endDate: undefined },
        [
          ["input.kind", "INVALID"],
          ["input.format", "INVALID"],
          ["input.startDate", "INVALID"],
        ],
      ],
      [{ ...summit, organiser: "no-such-body" }, [["input.organiser", "NOT_FOUND"]]],
      [{ ...summit, host: "atlantis" }, [["input.host", "NOT_FOUND"]]],
      [{ ...summit, host: toGlobalId("City", UNKNOWN) }, [["input.host", "NOT_FOUND"]]],
      [{ ...summit, organiser: toGlobalId("City", UNKNOWN) }, [["input.organiser", "INVALID"]]],
      [{ id: toGlobalId("Event", UNKNOWN), status: "CANCELLED" }, [["input.id", "NOT_FOUND"]]],
      [{ id: existing.id, status: "CANCELLED", expectedVersion: 3 }, [["input.expectedVersion", "VERSION_MISMATCH"]]],
      [{ ...summit, externalId: "EV-9" }, [["input.externalId", "INVALID"]]],
      [{ ...summit, source: " ", externalId: "EV-9" }, [["input.source", "INVALID"]]],
    ];
    for (const [input, expected] of cases) {
      const res = await upsert(input);
      expect({ input, errors: errorsOf(res) }).toEqual({ input, errors: expected });
      expect(res).toMatchObject({ event: null, outcome: null });
    }
    expect(await counts()).toEqual(before);
    const invalidDate = await server.gql(UPSERT, { input: { ...summit, startDate: "2022-02-30" } }, bearer(editor));
    expect(errorCodes(invalidDate)).toEqual(["BAD_USER_INPUT"]);
  });

  it("rejects enum values outside the vocabulary in the data layer too", async () => {
    const errors = new UserErrorList();
    const actor = { name: "test", apiKeyId: null, role: "SYSTEM" as const, organisationId: null };
    const write = {
      nameEn: "E",
      kind: "PARTY",
      format: "IN_PERSON",
      status: "DONE",
      startDate: "2022-01-01",
    } as unknown as EventWrite;
    expect(
      await runWrite(server.app.database, { publish() {} }, actor, (session) => upsertEvent(session, write, errors)),
    ).toBeNull();
    expect(errors.errors.map((e) => [e.field?.join("."), e.code])).toEqual([
      ["kind", "INVALID"],
      ["status", "INVALID"],
    ]);
  });
});

describe("recordAttendance", () => {
  let event: string;
  let tehranMetropolis: string;
  let seoulMetropolis: string;
  beforeAll(async () => {
    event = (
      await upsert({
        nameEn: "Attendance target",
        kind: "GENERAL_ASSEMBLY",
        format: "HYBRID",
        organiser: "metropolis",
        host: "seoul",
        startDate: "2022-11-15",
      })
    ).event.id;
    const ms = await server.gql(
      `{ memberships(filter: { organisation: ["metropolis"], member: ["tehran", "seoul"] }) { nodes { id member { slug } } } }`,
    );
    const byMember = Object.fromEntries(
      ms.data.memberships.nodes.map((n: { id: string; member: { slug: string } }) => [n.member.slug, n.id]),
    );
    tehranMetropolis = byMember.tehran;
    seoulMetropolis = byMember.seoul;
  });

  it("records an ONLINE attendance: one ATTENDANCE change, and the footprint counts it", async () => {
    const FOOTPRINT = `{ footprint(city: "tehran", period: { from: "2022-11-01", to: "2022-11-30" }) { online: eventsAttended(mode: ONLINE) all: eventsAttended } }`;
    const before = (await server.gql(FOOTPRINT)).data.footprint;
    const { cursor: head } = await feed(["ATTENDANCE"]);
    const res = await record({
      city: "tehran",
      event,
      mode: "ONLINE",
      membership: tehranMetropolis,
      outcomes: ["spoke on the housing panel"],
    });
    expect(res.userErrors).toEqual([]);
    expect(res.attendance).toMatchObject({
      mode: "ONLINE",
      outcomes: ["spoke on the housing panel"],
      version: 1,
      provenance: "SOURCED",
      city: { slug: "tehran" },
      event: { id: event },
      trip: null,
      membership: { organisation: { slug: "metropolis" } },
      sources: [{ kind: "DATA_ENTRY" }],
    });
    expect((await feed(["ATTENDANCE"], head)).nodes).toEqual([{ type: "ATTENDANCE", id: res.attendance.id, version: 1 }]);
    const after = (await server.gql(FOOTPRINT)).data.footprint;
    expect(after).toEqual({ online: before.online + 1, all: before.all + 1 });
    const attendances = await server.gql(
      `query($id: ID!) { node(id: $id) { ... on Event { attendances { mode city { slug } } } } }`,
      { id: event },
    );
    expect(attendances.data.node.attendances).toEqual([{ mode: "ONLINE", city: { slug: "tehran" } }]);
  });

  it("records an IN_PERSON attendance on a COMPLETED trip of the city, by trip code or ID", async () => {
    const res = await record({ city: "tehran", event, mode: "IN_PERSON", trip: "CFT-1400-0008" });
    expect(res).toMatchObject({ attendance: { mode: "IN_PERSON", trip: { code: "CFT-1400-0008" } }, userErrors: [] });
    const trip = (await server.gql(`{ trips(filter: { status: [APPROVED] }, first: 1) { nodes { id code } } }`)).data.trips
      .nodes[0];
    const other = (await upsert({ nameEn: "Second target", kind: "SUMMIT", format: "IN_PERSON", startDate: "2023-05-01" })).event
      .id;
    const byId = await record({ city: "tehran", event: other, mode: "IN_PERSON", trip: trip.id });
    expect(byId).toMatchObject({ attendance: { trip: { code: trip.code } }, userErrors: [] });
  });

  it("reports every invalid field, with its path and code, and writes nothing", async () => {
    await record({ city: "seoul", event, mode: "IN_PERSON" });
    const fresh = (await upsert({ nameEn: "Fresh target", kind: "TRAINING", format: "IN_PERSON", startDate: "2022-12-12" })).event
      .id;
    const before = await counts();
    const cases: [Record<string, unknown>, [string, string][]][] = [
      [{ city: "seoul", event, mode: "HYBRID" }, [["input.mode", "INVALID"]]],
      [{ city: "seoul", event, mode: "IN_PERSON" }, [["input.mode", "CONFLICT"]]],
      [{ city: "tehran", event: fresh, mode: "IN_PERSON", trip: "CFT-1400-0006" }, [["input.trip", "CONFLICT"]]],
      [
        { city: "seoul", event, mode: "ONLINE", trip: "CFT-1400-0008" },
        [
          ["input.trip", "CONFLICT"],
          ["input.trip", "INVALID"],
        ],
      ],
      [
        { city: "tehran", event, mode: "ONLINE", membership: seoulMetropolis },
        [
          ["input.membership", "CONFLICT"],
          ["input.mode", "CONFLICT"],
        ],
      ],
      [{ city: "istanbul", event, mode: "ONLINE", membership: seoulMetropolis }, [["input.membership", "CONFLICT"]]],
      [{ city: "atlantis", event, mode: "ONLINE" }, [["input.city", "NOT_FOUND"]]],
      [{ city: "istanbul", event: toGlobalId("Event", UNKNOWN), mode: "ONLINE" }, [["input.event", "NOT_FOUND"]]],
      [{ city: "istanbul", event: toGlobalId("Trip", UNKNOWN), mode: "ONLINE" }, [["input.event", "INVALID"]]],
      [{ city: "istanbul", event, mode: "IN_PERSON", trip: "CFT-0000-0000" }, [["input.trip", "NOT_FOUND"]]],
      [{ city: "istanbul", event, mode: "IN_PERSON", trip: toGlobalId("Trip", UNKNOWN) }, [["input.trip", "NOT_FOUND"]]],
      [
        { city: "istanbul", event, mode: "ONLINE", membership: toGlobalId("Membership", UNKNOWN) },
        [["input.membership", "NOT_FOUND"]],
      ],
      [{ city: "istanbul", event, mode: "ONLINE", outcomes: [""] }, [["input.outcomes.0", "INVALID"]]],
    ];
    for (const [input, expected] of cases) {
      const res = await record(input);
      expect({ input, errors: errorsOf(res) }).toEqual({ input, errors: expected });
      expect(res.attendance).toBeNull();
    }
    expect(await counts()).toEqual(before);
  });
});

describe("auth", () => {
  it("upsertEvent and recordAttendance need an EDITOR key: none is UNAUTHENTICATED (401), PARTNER FORBIDDEN (403)", async () => {
    const event = (await upsert({ nameEn: "Auth target", kind: "OTHER", format: "ONLINE", startDate: "2022-12-01" })).event.id;
    const before = await counts();
    const partner = bearer(await server.createKey("PARTNER", { organisation: "metropolis" }));
    for (const [doc, input] of [
      [UPSERT, summit],
      [RECORD, { city: "tehran", event, mode: "ONLINE" }],
    ] as const) {
      const anonymous = await server.gql(doc, { input });
      expect(errorCodes(anonymous)).toEqual(["UNAUTHENTICATED"]);
      expect(anonymous.status).toBe(401);
      const forbidden = await server.gql(doc, { input }, partner);
      expect(errorCodes(forbidden)).toEqual(["FORBIDDEN"]);
      expect(forbidden.status).toBe(403);
    }
    expect(await counts()).toEqual(before);
  });
});
