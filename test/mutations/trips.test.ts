/**
 * The committee workflow through the API: requestTrip → decideTrip → completeTrip / cancelTrip.
 * Happy paths are checked through queries afterwards (node, change feed, search); every refused
 * step must leave the database exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestTrip as requestTripWrite } from "../../src/data/writes/trips.js";
import { UserErrorList } from "../../src/data/writes/userErrors.js";
import { runWrite } from "../../src/data/writes/writeSession.js";
import { fromGlobalId, toGlobalId } from "../../src/graphql/globalId.js";
import { bearer, errorCodes, startTestServer, type TestServer } from "../support/testServer.js";

let server: TestServer;
let editor: string;
let partner: string;
let admin: string;
let revoked: string;
let eventId: string;

beforeAll(async () => {
  server = await startTestServer();
  editor = await server.createKey("EDITOR", { name: "Committee secretariat" });
  partner = await server.createKey("PARTNER", { organisation: "metropolis" });
  admin = await server.createKey("ADMIN");
  revoked = await server.createKey("EDITOR", { name: "Revoked editor" });
  await server.exec("UPDATE api_keys SET revoked_at = ? WHERE name = 'Revoked editor'", new Date().toISOString());
  const events = await server.gql(`{ events(first: 1) { nodes { id } } }`);
  eventId = events.data.events.nodes[0].id;
});
afterAll(() => server.close());

const count = (table: string, where = "1 = 1") => server.count(`SELECT count(*) AS n FROM ${table} WHERE ${where}`);

/** Everything a trip write touches. */
const TOUCHED = [
  "trips",
  "trip_legs",
  "trip_delegates",
  "trip_events",
  "trip_organisations",
  "changes",
  "record_sources",
  "sources",
  "search_index",
];
const snapshot = async () => Object.fromEntries(await Promise.all(TOUCHED.map(async (t) => [t, await count(t)] as const)));

const TRIP = `id code status version provenance headedByMayor funding
  title { fa en } requestingUnit requestedOn startDate endDate reportSubmittedOn
  startJalali { year month day iso } endJalali { iso }
  city { slug } destinations { slug } countries { code }
  delegationSize delegates { name { fa en } position unit role }
  events { id } organisations { slug } invitedBy { slug }
  decision { outcome decidedOn reason } cost { amount currency minorUnits }
  sources { kind title }`;
const PAYLOAD = `trip { ${TRIP} } userErrors { field message code }`;
const REQUEST = `mutation($input: RequestTripInput!) { requestTrip(input: $input) { ${PAYLOAD} } }`;
const DECIDE = `mutation($input: DecideTripInput!) { decideTrip(input: $input) { ${PAYLOAD} } }`;
const COMPLETE = `mutation($input: CompleteTripInput!) { completeTrip(input: $input) { ${PAYLOAD} } }`;
const CANCEL = `mutation($input: CancelTripInput!) { cancelTrip(input: $input) { ${PAYLOAD} } }`;
const NODE = `query($id: ID!) { node(id: $id) { ... on Trip { ${TRIP} } } }`;

type Op = "requestTrip" | "decideTrip" | "completeTrip" | "cancelTrip";
const DOCS: Record<Op, string> = { requestTrip: REQUEST, decideTrip: DECIDE, completeTrip: COMPLETE, cancelTrip: CANCEL };

async function call(op: Op, input: Record<string, unknown>, key = editor) {
  const res = await server.gql(DOCS[op], { input }, bearer(key));
  expect(res.errors).toBeUndefined();
  return res.data[op] as { trip: any; userErrors: { field: string[] | null; message: string; code: string }[] };
}

async function ok(op: Op, input: Record<string, unknown>) {
  const payload = await call(op, input);
  expect(payload.userErrors).toEqual([]);
  expect(payload.trip).not.toBeNull();
  return payload.trip;
}

async function fetchTrip(id: string) {
  const res = await server.gql(NODE, { id });
  expect(res.errors).toBeUndefined();
  return res.data.node;
}

/** The head of the TRIP change feed, to read only what comes after. */
async function feedHead(): Promise<string | null> {
  let after: string | null = null;
  for (;;) {
    const res: any = await server.gql(
      `query($after: String) { changes(after: $after, first: 500, types: [TRIP]) { pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    expect(res.errors).toBeUndefined();
    after = res.data.changes.pageInfo.endCursor;
    if (!res.data.changes.pageInfo.hasNextPage) return after;
  }
}

async function changesAfter(after: string | null) {
  const res = await server.gql(
    `query($after: String) { changes(after: $after, types: [TRIP]) { nodes { type op id version node { id ... on Trip { status version } } } } }`,
    { after },
  );
  expect(res.errors).toBeUndefined();
  return res.data.changes.nodes as any[];
}

const delegates = [
  {
    position: "شهردار تهران",
    unit: "شهرداری تهران",
    role: "HEAD",
    publicOfficial: true,
    nameFa: "علیرضا زاکانی",
    nameEn: "Alireza Zakani",
  },
  { position: "مدیرکل روابط بین‌الملل", unit: "مرکز ارتباطات و امور بین‌الملل", role: "MEMBER" },
  { position: "کارشناس", role: "EXPERT" },
];

function request(extra: Record<string, unknown> = {}) {
  return {
    titleFa: "شرکت در نشست شهرهای ترکیه",
    titleEn: "Meeting of Turkish cities",
    purpose: "SUMMIT",
    requestingUnit: "مرکز ارتباطات و امور بین‌الملل",
    requestedOn: "2024-04-01",
    startDate: "2024-05-10",
    endDate: "2024-05-14",
    destinations: ["istanbul", "konya"],
    delegates,
    ...extra,
  };
}

/** A fresh trip brought to `status` through the workflow. */
async function tripIn(status: "REQUESTED" | "APPROVED" | "REJECTED" | "COMPLETED" | "CANCELLED") {
  const trip = await ok("requestTrip", request({ titleEn: `A trip to be ${status}` }));
  if (status === "REQUESTED") return trip;
  if (status === "REJECTED")
    return ok("decideTrip", { id: trip.id, outcome: "REJECTED", decidedOn: "2024-04-10", reason: "No budget" });
  const approved = await ok("decideTrip", { id: trip.id, outcome: "APPROVED", decidedOn: "2024-04-10" });
  if (status === "APPROVED") return approved;
  if (status === "COMPLETED") return ok("completeTrip", { id: trip.id });
  return ok("cancelTrip", { id: trip.id });
}

/** Runs `work`, which must be refused with exactly these user errors, and checks that nothing was written. */
async function refused(op: Op, input: Record<string, unknown>, expected: { code: string; field: string[] | null }[]) {
  const before = await snapshot();
  const id = fromGlobalId(String(input.id))?.type === "Trip" ? (input.id as string) : null;
  const tripBefore = id ? await fetchTrip(id) : null;
  const payload = await call(op, input);
  expect(payload.trip).toBeNull();
  expect(payload.userErrors.map(({ code, field }) => ({ code, field }))).toEqual(expected);
  for (const e of payload.userErrors) expect(e.message.length).toBeGreaterThan(10);
  expect(await snapshot()).toEqual(before);
  if (id && tripBefore) expect(await fetchTrip(id)).toEqual(tripBefore);
  return payload.userErrors;
}

describe("requestTrip", () => {
  it("files a REQUESTED trip with legs in order, delegates, events, organisations, cost; version 1; a TRIP change; cited; searchable", async () => {
    const head = await feedHead();
    const trips = await count("trips");
    const trip = await ok(
      "requestTrip",
      request({
        destinations: ["konya", "istanbul", "antalya"],
        events: [eventId],
        organisations: ["metropolis", "uclg"],
        invitedBy: "uclg-mewa",
        headedByMayor: true,
        funding: "MIXED",
        cost: { amount: 12500.5, currency: "USD" },
        code: "CFT-1395-0001",
      }),
    );
    expect(await count("trips")).toBe(trips + 1);
    const read = await fetchTrip(trip.id);
    expect(read).toEqual(trip);
    expect(read).toMatchObject({
      code: "CFT-1395-0001",
      status: "REQUESTED",
      version: 1,
      provenance: "SOURCED",
      headedByMayor: true,
      funding: "MIXED",
      title: { fa: "شرکت در نشست شهرهای ترکیه", en: "Meeting of Turkish cities" },
      requestingUnit: "مرکز ارتباطات و امور بین‌الملل",
      requestedOn: "2024-04-01",
      startDate: "2024-05-10",
      endDate: "2024-05-14",
      startJalali: { year: 1403, month: 2, day: 21, iso: "1403-02-21" },
      city: { slug: "tehran" },
      destinations: [{ slug: "konya" }, { slug: "istanbul" }, { slug: "antalya" }],
      countries: [{ code: "TR" }],
      delegationSize: 3,
      events: [{ id: eventId }],
      invitedBy: { slug: "uclg-mewa" },
      decision: null,
      cost: { amount: 12500.5, currency: "USD", minorUnits: 1250050 },
      reportSubmittedOn: null,
    });
    expect(read.organisations.map((o: any) => o.slug).sort()).toEqual(["metropolis", "uclg"]);
    expect(read.delegates).toEqual([
      { name: { fa: "علیرضا زاکانی", en: "Alireza Zakani" }, position: "شهردار تهران", unit: "شهرداری تهران", role: "HEAD" },
      { name: null, position: "مدیرکل روابط بین‌الملل", unit: "مرکز ارتباطات و امور بین‌الملل", role: "MEMBER" },
      { name: null, position: "کارشناس", unit: null, role: "EXPERT" },
    ]);
    expect(read.sources).toEqual([{ kind: "DATA_ENTRY", title: "API data entry (EDITOR)" }]);
    expect(await count("trip_delegates", `trip_id = (SELECT id FROM trips WHERE code = 'CFT-1395-0001')`)).toBe(3);

    const changes = await changesAfter(head);
    expect(changes).toEqual([
      { type: "TRIP", op: "UPSERT", id: trip.id, version: 1, node: { id: trip.id, status: "REQUESTED", version: 1 } },
    ]);

    const search = await server.gql(`{ search(text: "CFT-1395-0001") { __typename ... on Trip { id } } }`);
    expect(search.data.search[0]).toEqual({ __typename: "Trip", id: trip.id });
    const byTitle = await server.gql(`{ search(text: "Turkish cities") { ... on Trip { id } } }`);
    expect(byTitle.data.search.map((h: any) => h.id)).toContain(trip.id);

    const [audit] = await server.rows(
      "SELECT outcome, actor FROM audit_events WHERE operation = 'requestTrip' ORDER BY id DESC LIMIT 1",
    );
    expect(audit).toEqual({ outcome: "APPLIED", actor: "Committee secretariat" });
  });

  it("generates the code CFT-<Jalali year of requestedOn>-<next number of that year>", async () => {
    const highest = async (year: number) =>
      (await server.rows<{ code: string }>("SELECT code FROM trips WHERE code LIKE ?", `CFT-${year}-%`))
        .map((r) => Number(r.code.slice(9)))
        .reduce((a, b) => Math.max(a, b), 0);
    const existing1402 = await highest(1402);
    expect(existing1402).toBeGreaterThan(0); // the seed has 1402 files
    const a = await ok("requestTrip", request({ requestedOn: "2023-06-01", startDate: "2023-07-01", endDate: null }));
    expect(a.code).toBe(`CFT-1402-${String(existing1402 + 1).padStart(4, "0")}`);
    const b = await ok("requestTrip", request({ requestedOn: "2023-06-02", startDate: "2023-07-01" }));
    expect(b.code).toBe(`CFT-1402-${String(existing1402 + 2).padStart(4, "0")}`);
    const first1410 = await ok(
      "requestTrip",
      request({ requestedOn: "2031-04-01", startDate: "2031-05-01", endDate: "2031-05-03" }),
    );
    expect(first1410.code).toBe("CFT-1410-0001");
  });

  it("defaults requestedOn to today, the city to the home city, provenance to SOURCED; takes a city and ILLUSTRATIVE when given", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const trip = await ok("requestTrip", request({ requestedOn: undefined, startDate: "2099-01-01", endDate: undefined }));
    expect(trip).toMatchObject({
      requestedOn: today,
      city: { slug: "tehran" },
      provenance: "SOURCED",
      endDate: null,
      cost: null,
      invitedBy: null,
      headedByMayor: false,
    });
    const other = await ok(
      "requestTrip",
      request({ city: "istanbul", destinations: ["tehran"], provenance: "ILLUSTRATIVE", titleFa: null }),
    );
    expect(other).toMatchObject({
      city: { slug: "istanbul" },
      destinations: [{ slug: "tehran" }],
      provenance: "ILLUSTRATIVE",
      title: { fa: null, en: "Meeting of Turkish cities" },
    });
  });

  it("converts money with the currency's exponent (JPY 0, KWD 3, IRR per ICU)", async () => {
    const jpy = await ok("requestTrip", request({ cost: { amount: 150000, currency: "JPY" } }));
    expect(jpy.cost).toEqual({ amount: 150000, currency: "JPY", minorUnits: 150000 });
    const kwd = await ok("requestTrip", request({ cost: { amount: 1.234, currency: "KWD" } }));
    expect(kwd.cost).toEqual({ amount: 1.234, currency: "KWD", minorUnits: 1234 });
    const free = await ok("requestTrip", request({ cost: { amount: 0, currency: "EUR" }, funding: "HOST" }));
    expect(free.cost).toEqual({ amount: 0, currency: "EUR", minorUnits: 0 });
  });

  describe("refuses, writing nothing", () => {
    const long = (n: number) => "x".repeat(n);
    const cases: [string, Record<string, unknown>, { code: string; field: string[] | null }[]][] = [
      ["endDate before startDate", { endDate: "2024-05-09" }, [{ code: "INVALID", field: ["input", "endDate"] }]],
      ["a titleFa over 300 characters", { titleFa: long(301) }, [{ code: "INVALID", field: ["input", "titleFa"] }]],
      ["a titleEn over 300 characters", { titleEn: long(301) }, [{ code: "INVALID", field: ["input", "titleEn"] }]],
      ["no title at all", { titleFa: null, titleEn: "  " }, [{ code: "INVALID", field: ["input", "titleFa"] }]],
      ["an empty requestingUnit", { requestingUnit: "   " }, [{ code: "INVALID", field: ["input", "requestingUnit"] }]],
      [
        "a requestingUnit over 200 characters",
        { requestingUnit: long(201) },
        [{ code: "INVALID", field: ["input", "requestingUnit"] }],
      ],
      ["no delegates", { delegates: [] }, [{ code: "INVALID", field: ["input", "delegates"] }]],
      [
        "101 delegates",
        { delegates: Array.from({ length: 101 }, () => ({ position: "کارشناس", role: "EXPERT" })) },
        [{ code: "INVALID", field: ["input", "delegates"] }],
      ],
      [
        "a delegate without a position",
        { delegates: [{ position: " ", role: "HEAD" }] },
        [{ code: "INVALID", field: ["input", "delegates", "0", "position"] }],
      ],
      ["no destinations", { destinations: [] }, [{ code: "INVALID", field: ["input", "destinations"] }]],
      [
        "21 destinations",
        { destinations: Array.from({ length: 21 }, (_, i) => (i % 2 ? "konya" : "istanbul")) },
        [{ code: "INVALID", field: ["input", "destinations"] }],
      ],
      [
        "an unknown destination",
        { destinations: ["istanbul", "atlantis"] },
        [{ code: "NOT_FOUND", field: ["input", "destinations", "1"] }],
      ],
      [
        "the requesting city as destination",
        { destinations: ["tehran"] },
        [{ code: "INVALID", field: ["input", "destinations", "0"] }],
      ],
      [
        "a destination given by another type's ID",
        { destinations: [toGlobalId("Organisation", "x")] },
        [{ code: "INVALID", field: ["input", "destinations", "0"] }],
      ],
      ["an unknown requesting city", { city: "atlantis" }, [{ code: "NOT_FOUND", field: ["input", "city"] }]],
      [
        "an unknown event",
        { events: [toGlobalId("Event", "00000000-0000-0000-0000-000000000000")] },
        [{ code: "NOT_FOUND", field: ["input", "events", "0"] }],
      ],
      [
        "an event given by a City ID",
        { events: [toGlobalId("City", "x")] },
        [{ code: "INVALID", field: ["input", "events", "0"] }],
      ],
      [
        "an unknown organisation",
        { organisations: ["metropolis", "no-such-network"] },
        [{ code: "NOT_FOUND", field: ["input", "organisations", "1"] }],
      ],
      ["an unknown invitedBy", { invitedBy: "no-such-network" }, [{ code: "NOT_FOUND", field: ["input", "invitedBy"] }]],
      [
        "a lower-case currency",
        { cost: { amount: 10, currency: "usd" } },
        [{ code: "INVALID", field: ["input", "cost", "currency"] }],
      ],
      [
        "an unknown currency",
        { cost: { amount: 10, currency: "XYZ" } },
        [{ code: "INVALID", field: ["input", "cost", "currency"] }],
      ],
      ["a negative cost", { cost: { amount: -1, currency: "USD" } }, [{ code: "INVALID", field: ["input", "cost", "amount"] }]],
      [
        "more decimals than USD has",
        { cost: { amount: 10.555, currency: "USD" } },
        [{ code: "INVALID", field: ["input", "cost", "amount"] }],
      ],
      [
        "decimals in a currency without minor units",
        { cost: { amount: 100.5, currency: "JPY" } },
        [{ code: "INVALID", field: ["input", "cost", "amount"] }],
      ],
      [
        "a named delegate who is not a public official",
        { delegates: [delegates[0], { ...delegates[1], nameEn: "Jane Doe" }] },
        [{ code: "INVALID", field: ["input", "delegates", "1", "nameEn"] }],
      ],
      [
        "a named delegate with publicOfficial: false",
        { delegates: [{ ...delegates[0], publicOfficial: false, nameEn: null }] },
        [{ code: "INVALID", field: ["input", "delegates", "0", "nameFa"] }],
      ],
      ["a code another trip has", { code: "CFT-1401-0002" }, [{ code: "CONFLICT", field: ["input", "code"] }]],
    ];
    it.each(cases)("%s", async (_name, extra, expected) => {
      await refused("requestTrip", request(extra), expected);
    });

    it("reports every problem at once", async () => {
      const errors = await refused(
        "requestTrip",
        request({
          endDate: "2024-01-01",
          destinations: ["atlantis"],
          invitedBy: "nowhere",
          cost: { amount: -5, currency: "USD" },
        }),
        [
          { code: "INVALID", field: ["input", "endDate"] },
          { code: "NOT_FOUND", field: ["input", "destinations", "0"] },
          { code: "NOT_FOUND", field: ["input", "invitedBy"] },
          { code: "INVALID", field: ["input", "cost", "amount"] },
        ],
      );
      expect(errors[0]?.message).toContain("2024-01-01");
    });

    it("a malformed date never reaches the workflow (the LocalDate scalar refuses it)", async () => {
      const before = await snapshot();
      const res = await server.gql(REQUEST, { input: request({ startDate: "2024-02-30" }) }, bearer(editor));
      expect(res.data ?? null).toBeNull();
      expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
      expect(await snapshot()).toEqual(before);
    });

    it("the data layer itself refuses a date that is not a real ISO day", async () => {
      const before = await snapshot();
      const errors = new UserErrorList();
      const actor = { name: "test", apiKeyId: null, role: "SYSTEM" as const, organisationId: null };
      const trip = await runWrite(server.app.database, { publish() {} }, actor, (session) =>
        requestTripWrite(
          session,
          {
            purpose: "SUMMIT",
            titleEn: "x",
            city: { slug: "tehran" },
            requestingUnit: "u",
            requestedOn: "2024-13-01",
            startDate: "2024-02-30",
            endDate: "2024/03/01",
            destinations: [{ slug: "istanbul" }],
            delegates: [{ position: "p", role: "HEAD" }],
          },
          errors,
        ),
      );
      expect(trip).toBeNull();
      expect(errors.errors.map((e) => [e.code, e.field])).toEqual([
        ["INVALID", ["requestedOn"]],
        ["INVALID", ["startDate"]],
        ["INVALID", ["endDate"]],
      ]);
      expect(await snapshot()).toEqual(before);
    });

    it("the audit log of a refused request does not keep a private person's name either", async () => {
      await refused(
        "requestTrip",
        request({ delegates: [delegates[0], { ...delegates[1], nameFa: "نام خصوصی", nameEn: "Private Name" }] }),
        [{ code: "INVALID", field: ["input", "delegates", "1", "nameFa"] }],
      );
      const [audit] = await server.rows<{ input: string }>(
        "SELECT input FROM audit_events WHERE operation = 'requestTrip' ORDER BY id DESC LIMIT 1",
      );
      expect(audit.input).not.toContain("Private Name");
      expect(audit.input).not.toContain("نام خصوصی");
      const logged = JSON.parse(audit.input).delegates;
      expect(logged[1]).toMatchObject({ nameFa: "(withheld)", nameEn: "(withheld)", position: delegates[1]?.position });
      expect(logged[0]).toMatchObject({ nameEn: "Alireza Zakani" });
    });

    it("records the refusal in the audit log", async () => {
      await refused("requestTrip", request({ destinations: ["atlantis"] }), [
        { code: "NOT_FOUND", field: ["input", "destinations", "0"] },
      ]);
      const [audit] = await server.rows<{ outcome: string; user_errors: string }>(
        "SELECT outcome, user_errors FROM audit_events WHERE operation = 'requestTrip' ORDER BY id DESC LIMIT 1",
      );
      expect(audit.outcome).toBe("REJECTED");
      expect(JSON.parse(audit.user_errors)[0].code).toBe("NOT_FOUND");
    });
  });
});

describe("decideTrip", () => {
  it("approves a REQUESTED trip: status, decision, version 2, a new change", async () => {
    const trip = await tripIn("REQUESTED");
    const head = await feedHead();
    const approved = await ok("decideTrip", {
      id: trip.id,
      outcome: "APPROVED",
      decidedOn: "2024-04-01",
      reason: "Within the annual plan",
      expectedVersion: 1,
    });
    const read = await fetchTrip(trip.id);
    expect(read).toEqual(approved);
    expect(read).toMatchObject({
      status: "APPROVED",
      version: 2,
      decision: { outcome: "APPROVED", decidedOn: "2024-04-01", reason: "Within the annual plan" },
    });
    expect(await changesAfter(head)).toEqual([
      { type: "TRIP", op: "UPSERT", id: trip.id, version: 2, node: { id: trip.id, status: "APPROVED", version: 2 } },
    ]);
  });

  it("rejects a REQUESTED trip with the committee's reason", async () => {
    const trip = await tripIn("REQUESTED");
    const head = await feedHead();
    await ok("decideTrip", { id: trip.id, outcome: "REJECTED", decidedOn: "2024-04-20", reason: "  سفر ضروری نیست  " });
    const read = await fetchTrip(trip.id);
    expect(read).toMatchObject({
      status: "REJECTED",
      version: 2,
      decision: { outcome: "REJECTED", decidedOn: "2024-04-20", reason: "سفر ضروری نیست" },
    });
    expect((await changesAfter(head)).map((c) => [c.id, c.version])).toEqual([[trip.id, 2]]);
  });

  it("decides a seed request, which from then on also cites the writer's data entry", async () => {
    const res = await server.gql(`{ trips(first: 1, filter: { status: [REQUESTED] }) { nodes { id version requestedOn } } }`);
    const seedTrip = res.data.trips.nodes[0];
    expect(seedTrip).toBeDefined();
    const decided = await ok("decideTrip", {
      id: seedTrip.id,
      outcome: "APPROVED",
      decidedOn: seedTrip.requestedOn ?? "2024-01-01",
    });
    expect(decided.version).toBe(seedTrip.version + 1);
    expect(decided.sources).toContainEqual({ kind: "DATA_ENTRY", title: "API data entry (EDITOR)" });
  });

  describe("refuses, writing nothing", () => {
    it("REJECTED without a reason", async () => {
      const trip = await tripIn("REQUESTED");
      await refused("decideTrip", { id: trip.id, outcome: "REJECTED", decidedOn: "2024-04-10" }, [
        { code: "INVALID", field: ["input", "reason"] },
      ]);
      await refused("decideTrip", { id: trip.id, outcome: "REJECTED", decidedOn: "2024-04-10", reason: "   " }, [
        { code: "INVALID", field: ["input", "reason"] },
      ]);
    });

    it("a reason over 1000 characters", async () => {
      const trip = await tripIn("REQUESTED");
      await refused("decideTrip", { id: trip.id, outcome: "APPROVED", decidedOn: "2024-04-10", reason: "x".repeat(1001) }, [
        { code: "INVALID", field: ["input", "reason"] },
      ]);
    });

    it("a decision before the request", async () => {
      const trip = await tripIn("REQUESTED");
      const [error] = await refused("decideTrip", { id: trip.id, outcome: "APPROVED", decidedOn: "2024-03-31" }, [
        { code: "INVALID", field: ["input", "decidedOn"] },
      ]);
      expect(error?.message).toContain("2024-04-01");
    });

    it("a stale expectedVersion", async () => {
      const trip = await tripIn("REQUESTED");
      const [error] = await refused(
        "decideTrip",
        { id: trip.id, outcome: "APPROVED", decidedOn: "2024-04-10", expectedVersion: 2 },
        [{ code: "VERSION_MISMATCH", field: ["input", "expectedVersion"] }],
      );
      expect(error?.message).toContain("version 1");
    });

    it("an unknown trip, and an ID that is not a trip's", async () => {
      await refused(
        "decideTrip",
        { id: toGlobalId("Trip", "00000000-0000-0000-0000-000000000000"), outcome: "APPROVED", decidedOn: "2024-04-10" },
        [{ code: "NOT_FOUND", field: ["input", "id"] }],
      );
      await refused("decideTrip", { id: toGlobalId("City", "x"), outcome: "APPROVED", decidedOn: "2024-04-10" }, [
        { code: "INVALID", field: ["input", "id"] },
      ]);
      await refused("decideTrip", { id: "not-an-id", outcome: "APPROVED", decidedOn: "2024-04-10" }, [
        { code: "INVALID", field: ["input", "id"] },
      ]);
    });
  });
});

describe("completeTrip", () => {
  it("completes an APPROVED trip with the actual dates, report date and delegation", async () => {
    const trip = await tripIn("APPROVED");
    expect(trip.version).toBe(2);
    const head = await feedHead();
    const completed = await ok("completeTrip", {
      id: trip.id,
      expectedVersion: 2,
      startDate: "2024-05-12",
      endDate: "2024-05-15",
      reportSubmittedOn: "2024-06-01",
      delegates: [
        { position: "معاون شهردار", role: "HEAD" },
        { position: "کارشناس", role: "EXPERT", unit: "مرکز ارتباطات و امور بین‌الملل" },
      ],
    });
    const read = await fetchTrip(trip.id);
    expect(read).toEqual(completed);
    expect(read).toMatchObject({
      status: "COMPLETED",
      version: 3,
      startDate: "2024-05-12",
      endDate: "2024-05-15",
      startJalali: { year: 1403, month: 2, day: 23, iso: "1403-02-23" },
      endJalali: { iso: "1403-02-26" },
      reportSubmittedOn: "2024-06-01",
      delegationSize: 2,
      delegates: [
        { name: null, position: "معاون شهردار", unit: null, role: "HEAD" },
        { name: null, position: "کارشناس", unit: "مرکز ارتباطات و امور بین‌الملل", role: "EXPERT" },
      ],
      decision: { outcome: "APPROVED", decidedOn: "2024-04-10", reason: null },
      destinations: [{ slug: "istanbul" }, { slug: "konya" }],
    });
    const [row] = await server.rows(
      "SELECT start_jy, start_jm, delegation_size FROM trips WHERE public_id = ?",
      fromGlobalId(trip.id)?.publicId,
    );
    expect(row).toEqual({ start_jy: 1403, start_jm: 2, delegation_size: 2 });
    expect(await changesAfter(head)).toEqual([
      { type: "TRIP", op: "UPSERT", id: trip.id, version: 3, node: { id: trip.id, status: "COMPLETED", version: 3 } },
    ]);
  });

  it("keeps the planned dates and delegation when none are given", async () => {
    const trip = await tripIn("APPROVED");
    const completed = await ok("completeTrip", { id: trip.id });
    expect(completed).toMatchObject({
      status: "COMPLETED",
      version: 3,
      startDate: "2024-05-10",
      endDate: "2024-05-14",
      delegationSize: 3,
      reportSubmittedOn: null,
    });
    expect(completed.delegates).toEqual(trip.delegates);
  });

  it("moving the start to another Jalali month moves start_jy/start_jm too", async () => {
    const trip = await tripIn("APPROVED");
    const completed = await ok("completeTrip", { id: trip.id, startDate: "2024-03-19", endDate: "2024-03-22" });
    expect(completed.startJalali).toEqual({ year: 1402, month: 12, day: 29, iso: "1402-12-29" });
    const [row] = await server.rows(
      "SELECT start_jy, start_jm FROM trips WHERE start_date = '2024-03-19' AND status = 'COMPLETED'",
    );
    expect(row).toEqual({ start_jy: 1402, start_jm: 12 });
  });

  describe("refuses, writing nothing", () => {
    it("an actual endDate before the actual startDate, or before the planned start", async () => {
      const trip = await tripIn("APPROVED");
      await refused("completeTrip", { id: trip.id, startDate: "2024-05-12", endDate: "2024-05-11" }, [
        { code: "INVALID", field: ["input", "endDate"] },
      ]);
      await refused("completeTrip", { id: trip.id, endDate: "2024-05-01" }, [{ code: "INVALID", field: ["input", "endDate"] }]);
      await refused("completeTrip", { id: trip.id, startDate: "2024-05-20" }, [
        { code: "INVALID", field: ["input", "startDate"] },
      ]);
    });

    it("a report submitted before the trip started", async () => {
      const trip = await tripIn("APPROVED");
      await refused("completeTrip", { id: trip.id, reportSubmittedOn: "2024-05-01" }, [
        { code: "INVALID", field: ["input", "reportSubmittedOn"] },
      ]);
    });

    it("an empty delegation, or a named delegate who is not a public official", async () => {
      const trip = await tripIn("APPROVED");
      await refused("completeTrip", { id: trip.id, delegates: [] }, [{ code: "INVALID", field: ["input", "delegates"] }]);
      await refused("completeTrip", { id: trip.id, delegates: [{ position: "کارشناس", role: "EXPERT", nameFa: "فلانی" }] }, [
        { code: "INVALID", field: ["input", "delegates", "0", "nameFa"] },
      ]);
    });

    it("a stale expectedVersion, and an unknown trip", async () => {
      const trip = await tripIn("APPROVED");
      await refused("completeTrip", { id: trip.id, expectedVersion: 1 }, [
        { code: "VERSION_MISMATCH", field: ["input", "expectedVersion"] },
      ]);
      await refused("completeTrip", { id: toGlobalId("Trip", "missing") }, [{ code: "NOT_FOUND", field: ["input", "id"] }]);
    });
  });
});

describe("cancelTrip", () => {
  it("cancels an APPROVED trip, keeps the committee's decision, and keeps the reason in the audit log only", async () => {
    const trip = await ok("requestTrip", request());
    await ok("decideTrip", { id: trip.id, outcome: "APPROVED", decidedOn: "2024-04-05", reason: "Approved with conditions" });
    const head = await feedHead();
    const cancelled = await ok("cancelTrip", { id: trip.id, reason: "The host postponed the meeting", expectedVersion: 2 });
    const read = await fetchTrip(trip.id);
    expect(read).toEqual(cancelled);
    expect(read).toMatchObject({
      status: "CANCELLED",
      version: 3,
      decision: { outcome: "APPROVED", decidedOn: "2024-04-05", reason: "Approved with conditions" },
    });
    expect(await changesAfter(head)).toEqual([
      { type: "TRIP", op: "UPSERT", id: trip.id, version: 3, node: { id: trip.id, status: "CANCELLED", version: 3 } },
    ]);
    const [audit] = await server.rows<{ outcome: string; input: string }>(
      "SELECT outcome, input FROM audit_events WHERE operation = 'cancelTrip' ORDER BY id DESC LIMIT 1",
    );
    expect(audit.outcome).toBe("APPLIED");
    expect(JSON.parse(audit.input).reason).toBe("The host postponed the meeting");
  });

  describe("refuses, writing nothing", () => {
    it("a reason over 1000 characters, a stale expectedVersion, an unknown trip", async () => {
      const trip = await tripIn("APPROVED");
      await refused("cancelTrip", { id: trip.id, reason: "x".repeat(1001) }, [{ code: "INVALID", field: ["input", "reason"] }]);
      await refused("cancelTrip", { id: trip.id, expectedVersion: 7 }, [
        { code: "VERSION_MISMATCH", field: ["input", "expectedVersion"] },
      ]);
      await refused("cancelTrip", { id: toGlobalId("Trip", "missing") }, [{ code: "NOT_FOUND", field: ["input", "id"] }]);
    });
  });
});

describe("workflow: every step not allowed from a status is a CONFLICT that changes nothing", () => {
  const STEP_INPUT: Record<Exclude<Op, "requestTrip">, (id: string) => Record<string, unknown>> = {
    decideTrip: (id) => ({ id, outcome: "APPROVED", decidedOn: "2024-04-20" }),
    completeTrip: (id) => ({ id, endDate: "2024-05-16" }),
    cancelTrip: (id) => ({ id, reason: "Changed plans" }),
  };
  const ALLOWED: Record<string, string> = {
    REQUESTED: "the allowed step is decideTrip",
    APPROVED: "the allowed steps are completeTrip or cancelTrip",
    REJECTED: "REJECTED is final",
    COMPLETED: "COMPLETED is final",
    CANCELLED: "CANCELLED is final",
  };
  const FORBIDDEN: [
    status: "REQUESTED" | "APPROVED" | "REJECTED" | "COMPLETED" | "CANCELLED",
    step: Exclude<Op, "requestTrip">,
  ][] = [
    ["REQUESTED", "completeTrip"],
    ["REQUESTED", "cancelTrip"],
    ["APPROVED", "decideTrip"],
    ["REJECTED", "decideTrip"],
    ["REJECTED", "completeTrip"],
    ["REJECTED", "cancelTrip"],
    ["COMPLETED", "decideTrip"],
    ["COMPLETED", "completeTrip"],
    ["COMPLETED", "cancelTrip"],
    ["CANCELLED", "decideTrip"],
    ["CANCELLED", "completeTrip"],
    ["CANCELLED", "cancelTrip"],
  ];
  it.each(FORBIDDEN)("%s → %s", async (status, step) => {
    const trip = await tripIn(status);
    expect(trip.status).toBe(status);
    const [error] = await refused(step, STEP_INPUT[step](trip.id), [{ code: "CONFLICT", field: ["input", "id"] }]);
    expect(error?.message).toContain(`this trip is ${status}`);
    expect(error?.message).toContain(ALLOWED[status]);
    const read = await fetchTrip(trip.id);
    expect(read.status).toBe(status);
    expect(read.version).toBe(trip.version);
  });

  it("a CONFLICT and a VERSION_MISMATCH are reported together", async () => {
    const trip = await tripIn("COMPLETED");
    await refused("cancelTrip", { id: trip.id, expectedVersion: 1 }, [
      { code: "VERSION_MISMATCH", field: ["input", "expectedVersion"] },
      { code: "CONFLICT", field: ["input", "id"] },
    ]);
  });
});

describe("auth", () => {
  const inputs = async (): Promise<[Op, Record<string, unknown>][]> => {
    const trip = await tripIn("APPROVED");
    return [
      ["requestTrip", request()],
      ["decideTrip", { id: trip.id, outcome: "REJECTED", decidedOn: "2024-04-20", reason: "r" }],
      ["completeTrip", { id: trip.id }],
      ["cancelTrip", { id: trip.id }],
    ];
  };

  it("no key: UNAUTHENTICATED with HTTP 401, nothing written", async () => {
    for (const [op, input] of await inputs()) {
      const before = await snapshot();
      const res = await server.gql(DOCS[op], { input });
      expect(res.status).toBe(401);
      expect(errorCodes(res)).toEqual(["UNAUTHENTICATED"]);
      expect(await snapshot()).toEqual(before);
    }
  });

  it("PARTNER and ADMIN keys: FORBIDDEN with HTTP 403, nothing written", async () => {
    for (const key of [partner, admin]) {
      for (const [op, input] of await inputs()) {
        const before = await snapshot();
        const res = await server.gql(DOCS[op], { input }, bearer(key));
        expect(res.status).toBe(403);
        expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
        expect(res.errors?.[0]?.message).toContain("EDITOR");
        expect(await snapshot()).toEqual(before);
      }
    }
  });

  it("a revoked key: 401, nothing written", async () => {
    for (const [op, input] of await inputs()) {
      const before = await snapshot();
      const res = await server.gql(DOCS[op], { input }, bearer(revoked));
      expect(res.status).toBe(401);
      expect(errorCodes(res)).toEqual(["UNAUTHENTICATED"]);
      expect(await snapshot()).toEqual(before);
    }
  });
});
