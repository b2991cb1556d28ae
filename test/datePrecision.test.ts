/**
 * Dates with their precision everywhere a date is exposed: a partnership's signing date may be
 * known to the year or month only (`signedPrecision`), and its Jalali twin then shows no day;
 * trips, events and seed partnerships carry exact days (DAY).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, startTestServer, type TestServer } from "./support/testServer.js";

let server: TestServer;
let editor: string;
beforeAll(async () => {
  server = await startTestServer();
  editor = await server.createKey("EDITOR");
});
afterAll(() => server.close());

const UPSERT = `mutation($input: UpsertPartnershipInput!) { upsertPartnership(input: $input) {
  outcome
  partnership { id version signedOn signedPrecision
    signedJalali { precision year month day lastYear lastMonth iso monthName(lang: EN) } }
  userErrors { field message code } } }`;

async function upsert(input: Record<string, unknown>) {
  const res = await server.gql(UPSERT, { input }, bearer(editor));
  expect(res.errors).toBeUndefined();
  return res.data.upsertPartnership;
}

describe("partnerships: signedPrecision", () => {
  it("a year alone: the Jalali twin is the two Jalali years the Gregorian year overlaps, no month, no day", async () => {
    const created = await upsert({
      city: "tehran",
      partner: "havana",
      kind: "MEMORANDUM",
      status: "ACTIVE",
      signedOn: "1975-01-01",
      signedPrecision: "YEAR",
    });
    expect(created.userErrors).toEqual([]);
    expect(created.partnership).toMatchObject({
      signedOn: "1975-01-01",
      signedPrecision: "YEAR",
      signedJalali: {
        precision: "YEAR",
        year: 1353,
        month: null,
        day: null,
        lastYear: 1354,
        lastMonth: null,
        iso: "1353/1354",
        monthName: null,
      },
    });
    // Stored: read back through node in a fresh request.
    const res = await server.gql(
      `query($id: ID!) { node(id: $id) { ... on Partnership { signedPrecision signedJalali { iso day } } } }`,
      {
        id: created.partnership.id,
      },
    );
    expect(res.data.node).toEqual({ signedPrecision: "YEAR", signedJalali: { iso: "1353/1354", day: null } });

    // Resending the same date without a precision keeps YEAR: nothing changes.
    const resent = await upsert({ id: created.partnership.id, signedOn: "1975-01-01" });
    expect(resent).toMatchObject({ outcome: "UNCHANGED", partnership: { version: 1, signedPrecision: "YEAR" } });
    // A new date without a precision is an exact day.
    const exact = await upsert({ id: created.partnership.id, signedOn: "1975-06-10" });
    expect(exact.partnership).toMatchObject({
      version: 2,
      signedPrecision: "DAY",
      signedJalali: { precision: "DAY", year: 1354, month: 3, day: 20, iso: "1354-03-20" },
    });
    // Refining the precision alone, the date kept.
    const month = await upsert({ id: created.partnership.id, signedPrecision: "MONTH" });
    expect(month.partnership).toMatchObject({
      version: 3,
      signedOn: "1975-06-10",
      signedPrecision: "MONTH",
      signedJalali: {
        precision: "MONTH",
        year: 1354,
        month: 3,
        day: null,
        lastYear: 1354,
        lastMonth: 4,
        iso: "1354-03/1354-04",
        monthName: "Khordad–Tir",
      },
    });
    // Clearing the date clears the precision.
    const cleared = await upsert({ id: created.partnership.id, signedOn: null });
    expect(cleared.partnership).toMatchObject({ signedOn: null, signedPrecision: null, signedJalali: null });
  });

  it("a precision without a date is an INVALID user error, nothing written", async () => {
    const before = await server.count("SELECT count(*) AS n FROM partnerships");
    const refused = await upsert({
      city: "tehran",
      partner: "doha",
      kind: "MEMORANDUM",
      status: "PROPOSED",
      signedPrecision: "YEAR",
    });
    expect(refused.partnership).toBeNull();
    expect(refused.userErrors.map((e: any) => [e.field.join("."), e.code])).toEqual([["input.signedPrecision", "INVALID"]]);
    expect(await server.count("SELECT count(*) AS n FROM partnerships")).toBe(before);
  });

  it("seed partnerships show the precision their sources give; trips and events are exact days", async () => {
    const res = await server.gql(`{
      partnerships(first: 100) { nodes { signedOn signedPrecision signedJalali { precision day } } }
      trips(first: 20) { nodes { startJalali { precision day lastYear year } endJalali { precision } } }
      events(first: 20) { nodes { startJalali { precision day } } }
    }`);
    expect(res.errors).toBeUndefined();
    const seeded = res.data.partnerships.nodes.filter((p: any) => p.signedOn);
    expect(seeded.length).toBeGreaterThan(0);
    // The atlas gives most agreements by their year alone; a signing report gives the day.
    expect(new Set(seeded.map((p: any) => p.signedPrecision))).toEqual(new Set(["YEAR", "MONTH", "DAY"]));
    for (const p of seeded)
      expect(p.signedJalali).toMatchObject({
        precision: p.signedPrecision,
        day: p.signedPrecision === "DAY" ? expect.any(Number) : null,
      });
    for (const t of res.data.trips.nodes) {
      expect(t.startJalali.precision).toBe("DAY");
      expect(t.startJalali.day).toEqual(expect.any(Number));
      expect(t.startJalali.lastYear).toBe(t.startJalali.year);
    }
    for (const e of res.data.events.nodes) expect(e.startJalali).toMatchObject({ precision: "DAY", day: expect.any(Number) });
  });
});
