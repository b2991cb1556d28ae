import { describe, expect, it } from "vitest";
import { jalaliDateOf } from "../src/graphql/jalaliDate.js";
import { SUPPORTED_DATES } from "../src/lib/jalali.js";

describe("jalaliDateOf: a Jalali twin shows only its date's precision", () => {
  it("DAY (the default) is the Jalali day", () => {
    expect(jalaliDateOf("2022-08-23")).toEqual({
      precision: "DAY",
      year: 1401,
      month: 6,
      day: 1,
      lastYear: 1401,
      lastMonth: 6,
      iso: "1401-06-01",
    });
    expect(jalaliDateOf("2022-08-23", "DAY")).toEqual(jalaliDateOf("2022-08-23"));
    expect(jalaliDateOf(null, "YEAR")).toBeNull();
  });

  it("YEAR is the two Jalali years the Gregorian year overlaps, whatever day it is stored with", () => {
    const start = jalaliDateOf("2005-01-01", "YEAR");
    expect(start).toEqual({
      precision: "YEAR",
      year: 1383,
      month: null,
      day: null,
      lastYear: 1384,
      lastMonth: null,
      iso: "1383/1384",
    });
    expect(jalaliDateOf("2005-12-31", "YEAR")).toEqual(start);
    expect(jalaliDateOf("2005-07-14", "YEAR")).toEqual(start);
  });

  it("MONTH is the two Jalali months the Gregorian month overlaps, across a Jalali year end too", () => {
    expect(jalaliDateOf("2005-01-01", "MONTH")).toEqual({
      precision: "MONTH",
      year: 1383,
      month: 10,
      day: null,
      lastYear: 1383,
      lastMonth: 11,
      iso: "1383-10/1383-11",
    });
    // A leap February (12 Bahman .. 10 Esfand 1402), and March 2024, which holds Nowruz 1403.
    expect(jalaliDateOf("2024-02-29", "MONTH")).toMatchObject({ year: 1402, month: 11, lastMonth: 12, iso: "1402-11/1402-12" });
    expect(jalaliDateOf("2024-03-31", "MONTH")).toMatchObject({
      year: 1402,
      month: 12,
      lastYear: 1403,
      lastMonth: 1,
      iso: "1402-12/1403-01",
    });
  });

  it("a year at the edge of the supported dates is cut to them rather than failing", () => {
    const first = jalaliDateOf(SUPPORTED_DATES.from, "YEAR");
    expect(first).toMatchObject({ precision: "YEAR", year: 1, lastYear: 1 });
    const last = jalaliDateOf(SUPPORTED_DATES.to, "MONTH");
    expect(last).toMatchObject({ precision: "MONTH", year: 3177, month: 12, lastYear: 3177, lastMonth: 12 });
  });
});
