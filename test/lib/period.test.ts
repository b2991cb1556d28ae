import { describe, expect, it } from "vitest";
import { PeriodError, resolvePeriod, type PeriodInput } from "../../src/lib/period.js";

describe("resolvePeriod: Jalali parts", () => {
  it("a full Jalali year: 1401 is 2022-03-21 .. 2023-03-20", () => {
    expect(resolvePeriod({ jalaliYear: 1401 })).toEqual({
      calendar: "JALALI",
      from: "2022-03-21",
      to: "2023-03-20",
      jalaliYear: 1401,
      jalaliYearTo: 1401,
      jalaliMonthFrom: 1,
      jalaliMonthTo: 12,
    });
  });

  it("Shahrivar..Esfand 1401 (the report's period) is 2022-08-23 .. 2023-03-20", () => {
    expect(resolvePeriod({ jalaliYear: 1401, jalaliMonthFrom: 6, jalaliMonthTo: 12 })).toEqual({
      calendar: "JALALI",
      from: "2022-08-23",
      to: "2023-03-20",
      jalaliYear: 1401,
      jalaliYearTo: 1401,
      jalaliMonthFrom: 6,
      jalaliMonthTo: 12,
    });
  });

  it("Dey 1401 crosses the Gregorian new year: 2022-12-22 .. 2023-01-20", () => {
    expect(resolvePeriod({ jalaliYear: 1401, jalaliMonthFrom: 10, jalaliMonthTo: 10 })).toMatchObject({
      from: "2022-12-22",
      to: "2023-01-20",
    });
  });

  it("Esfand of a leap year (1403) has 30 days and ends 2025-03-20", () => {
    expect(resolvePeriod({ jalaliYear: 1403, jalaliMonthFrom: 12 })).toMatchObject({ from: "2025-02-19", to: "2025-03-20" });
  });

  it("Esfand of a common year (1401) has 29 days and ends 2023-03-20", () => {
    expect(resolvePeriod({ jalaliYear: 1401, jalaliMonthFrom: 12, jalaliMonthTo: 12 })).toMatchObject({
      from: "2023-02-20",
      to: "2023-03-20",
    });
    // 1402 is common too: its Esfand ends the day before Nowruz 1403 (2024-03-20).
    expect(resolvePeriod({ jalaliYear: 1402, jalaliMonthFrom: 12 })).toMatchObject({ to: "2024-03-19" });
  });

  it("defaults jalaliMonthFrom to 1 and jalaliMonthTo to 12", () => {
    expect(resolvePeriod({ jalaliYear: 1401, jalaliMonthTo: 1 })).toEqual({
      calendar: "JALALI",
      from: "2022-03-21",
      to: "2022-04-20",
      jalaliYear: 1401,
      jalaliYearTo: 1401,
      jalaliMonthFrom: 1,
      jalaliMonthTo: 1,
    });
    expect(resolvePeriod({ jalaliYear: 1401, jalaliMonthFrom: 7 })).toMatchObject({
      from: "2022-09-23",
      to: "2023-03-20",
      jalaliMonthTo: 12,
    });
  });

  it("null date fields next to Jalali parts are not a mixture", () => {
    expect(resolvePeriod({ from: null, to: null, jalaliYear: 1401 })).toMatchObject({ calendar: "JALALI", from: "2022-03-21" });
  });
});

describe("resolvePeriod: dates", () => {
  it("keeps a closed range as given", () => {
    expect(resolvePeriod({ from: "2022-08-23", to: "2023-03-20" })).toEqual({
      calendar: "GREGORIAN",
      from: "2022-08-23",
      to: "2023-03-20",
    });
  });

  it("a single day (from = to) is allowed", () => {
    expect(resolvePeriod({ from: "2022-09-05", to: "2022-09-05" })).toEqual({
      calendar: "GREGORIAN",
      from: "2022-09-05",
      to: "2022-09-05",
    });
  });

  it("either end may be left open", () => {
    expect(resolvePeriod({ from: "2022-01-01" })).toEqual({ calendar: "GREGORIAN", from: "2022-01-01", to: null });
    expect(resolvePeriod({ to: "2022-01-01" })).toEqual({ calendar: "GREGORIAN", from: null, to: "2022-01-01" });
    expect(resolvePeriod({ from: "2022-01-01", to: null })).toEqual({ calendar: "GREGORIAN", from: "2022-01-01", to: null });
  });

  it("an empty input is an unbounded period", () => {
    expect(resolvePeriod({})).toEqual({ calendar: "GREGORIAN", from: null, to: null });
  });
});

/** The PeriodError `input` raises (failing the test if it raises none, or something else). */
function periodError(input: PeriodInput): PeriodError {
  try {
    resolvePeriod(input);
  } catch (error) {
    expect(error).toBeInstanceOf(PeriodError);
    return error as PeriodError;
  }
  throw new Error(`resolvePeriod(${JSON.stringify(input)}) did not throw`);
}

describe("resolvePeriod: errors", () => {
  it.each<[string, PeriodInput, PeriodError["field"]]>([
    ["dates mixed with a Jalali year", { from: "2022-01-01", jalaliYear: 1401 }, "period"],
    ["a date mixed with a Jalali month", { to: "2022-01-01", jalaliMonthFrom: 1 }, "period"],
    ["an inverted date range", { from: "2023-01-02", to: "2023-01-01" }, "from"],
    ["inverted Jalali months (9 > 3)", { jalaliYear: 1401, jalaliMonthFrom: 9, jalaliMonthTo: 3 }, "jalaliMonthFrom"],
    ["month 13 as jalaliMonthTo", { jalaliYear: 1401, jalaliMonthTo: 13 }, "jalaliMonthTo"],
    ["month 13 as jalaliMonthFrom", { jalaliYear: 1401, jalaliMonthFrom: 13 }, "jalaliMonthFrom"],
    ["month 0", { jalaliYear: 1401, jalaliMonthFrom: 0 }, "jalaliMonthFrom"],
    ["a fractional month", { jalaliYear: 1401, jalaliMonthFrom: 1.5 }, "jalaliMonthFrom"],
    ["jalaliMonthFrom without a year", { jalaliMonthFrom: 6 }, "jalaliYear"],
    ["jalaliMonthTo without a year", { jalaliMonthTo: 12 }, "jalaliYear"],
    ["both months without a year", { jalaliMonthFrom: 6, jalaliMonthTo: 12 }, "jalaliYear"],
    ["a fractional year", { jalaliYear: 1401.5 }, "jalaliYear"],
    ["year 0", { jalaliYear: 0 }, "jalaliYear"],
    ["an impossible day (Feb 30)", { from: "2022-02-30" }, "from"],
    ["slashes", { to: "2022/01/01" }, "to"],
    ["unpadded month and day", { from: "2022-1-1" }, "from"],
    ["a timestamp", { to: "2022-01-01T00:00:00Z" }, "to"],
    ["an empty string", { from: "" }, "from"],
  ])("%s", (_what, input, field) => {
    const error = periodError(input);
    expect(error.name).toBe("PeriodError");
    expect(error.field).toBe(field);
    expect(error.message.length).toBeGreaterThan(10);
  });

  it("the mixture message names both forms", () => {
    expect(periodError({ from: "2022-01-01", jalaliYear: 1401 }).message).toMatch(/not both/);
  });

  it("an inverted Jalali range's message suggests jalaliYearTo for a span over the new year", () => {
    expect(periodError({ jalaliYear: 1401, jalaliMonthFrom: 9, jalaliMonthTo: 3 }).message).toMatch(/jalaliYearTo: 1402/);
  });

  it("a malformed date's message quotes it", () => {
    expect(periodError({ from: "2022-02-30" }).message).toContain('"2022-02-30"');
  });
});

describe("resolvePeriod: plausible years and spans over the Jalali new year", () => {
  it("a Gregorian year given as jalaliYear is refused with a message that says so", () => {
    const error = periodError({ jalaliYear: 2022 });
    expect(error.field).toBe("jalaliYear");
    expect(error.message).toMatch(/2022 looks like a Gregorian year/);
    expect(error.message).toMatch(/Jalali 1400 and 1401/);
    expect(periodError({ jalaliYear: 1401, jalaliYearTo: 2023 }).field).toBe("jalaliYearTo");
  });

  it("a jalaliYear outside 1078..1500 that does not look Gregorian names the range", () => {
    expect(periodError({ jalaliYear: 1600 }).message).toMatch(/1078\.\.1500/);
    expect(periodError({ jalaliYear: 900 }).message).toMatch(/1078\.\.1500/);
  });

  it("a date before 1700 looks Jalali and the message says to use jalaliYear", () => {
    const error = periodError({ from: "1401-06-01" });
    expect(error.field).toBe("from");
    expect(error.message).toMatch(/looks like a Jalali date/);
    expect(error.message).toMatch(/jalaliYear: 1401/);
    expect(periodError({ from: "2022-01-01", to: "1401-12-29" }).field).toBe("to");
    expect(resolvePeriod({ from: "1700-01-01" })).toEqual({ calendar: "GREGORIAN", from: "1700-01-01", to: null });
  });

  it("Dey 1401 .. Khordad 1402 spans the new year: from 1 Dey to 31 Khordad", () => {
    expect(resolvePeriod({ jalaliYear: 1401, jalaliMonthFrom: 10, jalaliYearTo: 1402, jalaliMonthTo: 3 })).toEqual({
      calendar: "JALALI",
      from: "2022-12-22",
      to: "2023-06-21",
      jalaliYear: 1401,
      jalaliMonthFrom: 10,
      jalaliYearTo: 1402,
      jalaliMonthTo: 3,
    });
  });

  it("a span whose last year is before its first is refused", () => {
    expect(periodError({ jalaliYear: 1402, jalaliYearTo: 1401 }).field).toBe("jalaliYearTo");
    expect(periodError({ jalaliYearTo: 1402 }).field).toBe("jalaliYear");
  });
});
