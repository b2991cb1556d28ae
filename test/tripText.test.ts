/**
 * Trips' free text in both languages: delegates' posts and units, requesting units and the
 * committee's reasons are LocalizedText, English written for every seed record (from
 * seeds/dataset/translations.ts) and accepted by the trip mutations within the Persian's bounds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trips as seedTrips } from "../seeds/dataset/trips.js";
import { POSITIONS_EN, REASONS_EN, UNITS_EN } from "../seeds/dataset/translations.js";
import { bearer, startTestServer, type TestServer } from "./support/testServer.js";

let server: TestServer;
let editor: string;
beforeAll(async () => {
  server = await startTestServer();
  editor = await server.createKey("EDITOR");
});
afterAll(() => server.close());

const TEXT = `code requestingUnit requestingUnitText { fa en text(lang: EN) }
  delegates { position positionText { fa en } unit unitText { fa en } }
  decision { outcome reason reasonText { fa en text(lang: FA) } }`;

async function allTrips(filter: Record<string, unknown> = {}) {
  const out: any[] = [];
  let after: string | null = null;
  for (;;) {
    const res: any = await server.gql(
      `query($after: String, $filter: TripFilter) { trips(first: 100, after: $after, filter: $filter) {
        pageInfo { hasNextPage endCursor } nodes { ${TEXT} } } }`,
      { after, filter },
    );
    expect(res.errors).toBeUndefined();
    out.push(...res.data.trips.nodes);
    if (!res.data.trips.pageInfo.hasNextPage) return out;
    after = res.data.trips.pageInfo.endCursor;
  }
}

describe("seed trips answer in both languages", () => {
  it("every seed trip has its requesting unit, delegates' posts and units and its reason in English", async () => {
    const trips = await allTrips();
    const byCode = new Map(trips.map((t) => [t.code, t]));
    expect(trips.length).toBeGreaterThanOrEqual(seedTrips.length);
    let reasons = 0;
    for (const seed of seedTrips) {
      const t = byCode.get(seed.code);
      expect(t, seed.code).toBeDefined();
      expect(t.requestingUnitText).toEqual({
        fa: seed.requestingUnit,
        en: UNITS_EN[seed.requestingUnit],
        text: UNITS_EN[seed.requestingUnit],
      });
      // The String field keeps answering the Persian as before.
      expect(t.requestingUnit).toBe(seed.requestingUnit);
      expect(t.delegates).toEqual(
        seed.delegates.map((d) => ({
          position: d.position,
          positionText: { fa: d.position, en: POSITIONS_EN[d.position] },
          unit: d.unit ?? null,
          unitText: d.unit ? { fa: d.unit, en: UNITS_EN[d.unit] } : null,
        })),
      );
      if (seed.decision?.reason) {
        reasons++;
        expect(t.decision.reasonText).toEqual({
          fa: seed.decision.reason,
          en: REASONS_EN[seed.decision.reason],
          text: seed.decision.reason,
        });
      } else if (t.decision) expect(t.decision.reasonText).toBeNull();
      for (const d of t.delegates) expect(d.positionText.en).toMatch(/^[A-Z]/);
    }
    expect(reasons).toBeGreaterThan(0);
  });

  it("a trip's requesting unit filters the same in Persian and in English", async () => {
    const fa = await allTrips({ requestingUnit: "سازمان مدیریت پسماند" });
    const en = await allTrips({ requestingUnit: "Waste Management Organisation" });
    expect(fa.length).toBeGreaterThan(0);
    expect(en.map((t) => t.code).sort()).toEqual(fa.map((t) => t.code).sort());
    expect((await allTrips({ requestingUnit: "Waste management organisation" })).length).toBe(0);
  });

  it("series by REQUESTING_UNIT labels each unit in both languages", async () => {
    const res = await server.gql(
      `{ series(metric: TRIPS_REQUESTED, groupBy: REQUESTING_UNIT, period: { jalaliYear: 1401 }) { key label { fa en } value } }`,
    );
    expect(res.errors).toBeUndefined();
    const points = res.data.series as { key: string; label: { fa: string; en: string | null }; value: number }[];
    expect(points.length).toBeGreaterThan(3);
    for (const p of points) expect(p.label).toEqual({ fa: p.key, en: UNITS_EN[p.key] });
  });

  it("search finds trips by the English of their requesting unit", async () => {
    const res = await server.gql(
      `{ search(text: "waste management", first: 50) { ... on Trip { code requestingUnitText { en } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const hits = res.data.search.filter((h: any) => h.code);
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(h.requestingUnitText.en).toBe("Waste Management Organisation");
  });
});

const PAYLOAD = `trip { id ${TEXT} } userErrors { field message code }`;
const REQUEST = `mutation($input: RequestTripInput!) { requestTrip(input: $input) { ${PAYLOAD} } }`;
const DECIDE = `mutation($input: DecideTripInput!) { decideTrip(input: $input) { ${PAYLOAD} } }`;
const COMPLETE = `mutation($input: CompleteTripInput!) { completeTrip(input: $input) { ${PAYLOAD} } }`;

const request = (extra: Record<string, unknown> = {}) => ({
  titleEn: "Talks in Istanbul",
  purpose: "BILATERAL_NEGOTIATION",
  requestingUnit: "مرکز ارتباطات و امور بین‌الملل",
  requestingUnitEn: "  Centre for Communications and International Affairs ",
  requestedOn: "2024-04-01",
  startDate: "2024-05-10",
  destinations: ["istanbul"],
  delegates: [
    { position: "کارشناس", positionEn: "Expert", unit: "سازمان ورزش", unitEn: "Sports Organisation", role: "HEAD" },
    { position: "مشاور", role: "EXPERT" },
  ],
  ...extra,
});

async function write(doc: string, input: Record<string, unknown>, op: string) {
  const res = await server.gql(doc, { input }, bearer(editor));
  expect(res.errors).toBeUndefined();
  return res.data[op] as { trip: any; userErrors: { field: string[]; message: string; code: string }[] };
}

const count = (table: string) => server.count(`SELECT count(*) AS n FROM ${table}`);
const snapshot = async () => ({
  trips: await count("trips"),
  delegates: await count("trip_delegates"),
  changes: await count("changes"),
});

describe("trip mutations take the English too", () => {
  it("requestTrip stores the English requesting unit, posts and units (trimmed); missing English is null", async () => {
    const { trip, userErrors } = await write(REQUEST, request(), "requestTrip");
    expect(userErrors).toEqual([]);
    expect(trip.requestingUnitText).toEqual({
      fa: "مرکز ارتباطات و امور بین‌الملل",
      en: "Centre for Communications and International Affairs",
      text: "Centre for Communications and International Affairs",
    });
    expect(trip.delegates).toEqual([
      {
        position: "کارشناس",
        positionText: { fa: "کارشناس", en: "Expert" },
        unit: "سازمان ورزش",
        unitText: { fa: "سازمان ورزش", en: "Sports Organisation" },
      },
      { position: "مشاور", positionText: { fa: "مشاور", en: null }, unit: null, unitText: null },
    ]);
    const [row] = await server.rows<{ requesting_unit_en: string }>(
      "SELECT requesting_unit_en FROM trips WHERE code = ?",
      trip.code,
    );
    expect(row.requesting_unit_en).toBe("Centre for Communications and International Affairs");
  });

  it("decideTrip takes the reason in English; a rejection may give its reason in English alone", async () => {
    const both = (await write(REQUEST, request(), "requestTrip")).trip;
    const decided = await write(
      DECIDE,
      {
        id: both.id,
        outcome: "REJECTED",
        decidedOn: "2024-04-10",
        reason: "توجیه‌پذیر نبودن هزینه",
        reasonEn: "The cost could not be justified",
      },
      "decideTrip",
    );
    expect(decided.userErrors).toEqual([]);
    expect(decided.trip.decision).toEqual({
      outcome: "REJECTED",
      reason: "توجیه‌پذیر نبودن هزینه",
      reasonText: { fa: "توجیه‌پذیر نبودن هزینه", en: "The cost could not be justified", text: "توجیه‌پذیر نبودن هزینه" },
    });

    const english = (await write(REQUEST, request(), "requestTrip")).trip;
    const onlyEn = await write(
      DECIDE,
      { id: english.id, outcome: "REJECTED", decidedOn: "2024-04-10", reasonEn: "No official invitation" },
      "decideTrip",
    );
    expect(onlyEn.userErrors).toEqual([]);
    // `text(lang: FA)` falls back to the English when there is no Persian.
    expect(onlyEn.trip.decision).toEqual({
      outcome: "REJECTED",
      reason: null,
      reasonText: { fa: null, en: "No official invitation", text: "No official invitation" },
    });

    const none = (await write(REQUEST, request(), "requestTrip")).trip;
    const refused = await write(
      DECIDE,
      { id: none.id, outcome: "REJECTED", decidedOn: "2024-04-10", reasonEn: "  " },
      "decideTrip",
    );
    expect(refused.trip).toBeNull();
    expect(refused.userErrors.map((e) => [e.field.join("."), e.code])).toEqual([["input.reason", "INVALID"]]);
  });

  it("completeTrip replaces the delegation with its English", async () => {
    const trip = (await write(REQUEST, request(), "requestTrip")).trip;
    await write(DECIDE, { id: trip.id, outcome: "APPROVED", decidedOn: "2024-04-10" }, "decideTrip");
    const done = await write(
      COMPLETE,
      { id: trip.id, delegates: [{ position: "مدیر", positionEn: "Manager", unitEn: "Sports Organisation", role: "HEAD" }] },
      "completeTrip",
    );
    expect(done.userErrors).toEqual([]);
    expect(done.trip.delegates).toEqual([
      {
        position: "مدیر",
        positionText: { fa: "مدیر", en: "Manager" },
        unit: null,
        unitText: { fa: null, en: "Sports Organisation" },
      },
    ]);
  });

  it("the English has the Persian's length bounds: INVALID user errors at their paths, nothing written", async () => {
    const before = await snapshot();
    const payload = await write(
      REQUEST,
      request({
        requestingUnitEn: "u".repeat(201),
        delegates: [{ position: "کارشناس", positionEn: "p".repeat(201), unitEn: "n".repeat(201), role: "EXPERT" }],
      }),
      "requestTrip",
    );
    expect(payload.trip).toBeNull();
    expect(payload.userErrors.map((e) => [e.field.join("."), e.code])).toEqual([
      ["input.requestingUnitEn", "INVALID"],
      ["input.delegates.0.positionEn", "INVALID"],
      ["input.delegates.0.unitEn", "INVALID"],
    ]);
    expect(payload.userErrors[0].message).toMatch(/at most 200 characters; got 201/);
    // Exactly at the bound is accepted.
    const atBound = await write(REQUEST, request({ requestingUnitEn: "u".repeat(200) }), "requestTrip");
    expect(atBound.userErrors).toEqual([]);
    expect((await snapshot()).trips).toBe(before.trips + 1);

    const trip = atBound.trip;
    const long = await write(
      DECIDE,
      { id: trip.id, outcome: "APPROVED", decidedOn: "2024-04-10", reasonEn: "r".repeat(1001) },
      "decideTrip",
    );
    expect(long.trip).toBeNull();
    expect(long.userErrors.map((e) => [e.field.join("."), e.code])).toEqual([["input.reasonEn", "INVALID"]]);
  });
});
