import { describe, it, expect } from "vitest";
import {
  JALALI_MONTH_NAMES,
  fromJalali,
  isIsoDate,
  isJalaliLeapYear,
  jalaliIso,
  jalaliMonthLength,
  jalaliMonthName,
  jalaliMonthRange,
  toJalali,
} from "../../src/lib/jalali.js";

describe("toJalali", () => {
  it("converts known anchor dates", () => {
    expect(toJalali("2022-08-23")).toEqual({ year: 1401, month: 6, day: 1 });
    expect(toJalali("2023-03-20")).toEqual({ year: 1401, month: 12, day: 29 });
    expect(toJalali("2023-03-21")).toEqual({ year: 1402, month: 1, day: 1 });
    expect(toJalali("2025-03-20")).toEqual({ year: 1403, month: 12, day: 30 });
  });

  it.each([
    "2022-02-30",
    "2023-02-29",
    "2022-13-01",
    "2022-00-10",
    "2022-01-00",
    "abc",
    "",
    "2022-8-23",
    "2022-08-23T00:00:00Z",
    " 2022-08-23",
  ])("rejects malformed or impossible date %j", (input) => {
    expect(() => toJalali(input)).toThrow(RangeError);
  });

  it("accepts Feb 29 in a Gregorian leap year", () => {
    expect(toJalali("2024-02-29")).toEqual({ year: 1402, month: 12, day: 10 });
  });
});

describe("fromJalali", () => {
  it("converts known anchor dates", () => {
    expect(fromJalali(1401, 6, 1)).toBe("2022-08-23");
    expect(fromJalali(1401, 12, 29)).toBe("2023-03-20");
    expect(fromJalali(1403, 12, 30)).toBe("2025-03-20");
    expect(fromJalali(1402, 1, 1)).toBe("2023-03-21");
  });

  it("round-trips with toJalali", () => {
    for (const iso of ["2022-12-22", "2023-01-20", "2024-02-29", "2000-01-01"]) {
      const { year, month, day } = toJalali(iso);
      expect(fromJalali(year, month, day)).toBe(iso);
    }
  });

  it.each([
    [1401, 12, 30, "Esfand 30 in a common year"],
    [1401, 13, 1, "month 13"],
    [1401, 0, 1, "month 0"],
    [1401, 7, 31, "Mehr 31"],
    [1401, 1, 0, "day 0"],
    [1401, 1, 1.5, "fractional day"],
    [1401.5, 1, 1, "fractional year"],
    [9999, 1, 1, "unsupported year"],
  ])("rejects %i/%i/%s (%s)", (y, m, d) => {
    expect(() => fromJalali(y, m, d)).toThrow(RangeError);
  });
});

describe("jalaliIso", () => {
  it("zero-pads month and day", () => {
    expect(jalaliIso({ year: 1401, month: 6, day: 1 })).toBe("1401-06-01");
    expect(jalaliIso(toJalali("2022-08-23"))).toBe("1401-06-01");
    expect(jalaliIso({ year: 1403, month: 12, day: 30 })).toBe("1403-12-30");
  });

  it("rejects parts that are not a real Jalali day", () => {
    expect(() => jalaliIso({ year: 1401, month: 12, day: 30 })).toThrow(RangeError);
    expect(() => jalaliIso({ year: 1401, month: 13, day: 1 })).toThrow(RangeError);
  });
});

describe("month length and leap years", () => {
  it("gives 31 days to months 1-6 and 30 to 7-11", () => {
    for (let m = 1; m <= 6; m++) expect(jalaliMonthLength(1401, m)).toBe(31);
    for (let m = 7; m <= 11; m++) expect(jalaliMonthLength(1401, m)).toBe(30);
  });

  it("gives Esfand 29 days in a common year and 30 in a leap year", () => {
    expect(isJalaliLeapYear(1401)).toBe(false);
    expect(isJalaliLeapYear(1403)).toBe(true);
    expect(jalaliMonthLength(1401, 12)).toBe(29);
    expect(jalaliMonthLength(1403, 12)).toBe(30);
  });

  it("rejects out-of-range months and bad years", () => {
    expect(() => jalaliMonthLength(1401, 13)).toThrow(RangeError);
    expect(() => jalaliMonthLength(1401, 0)).toThrow(RangeError);
    expect(() => isJalaliLeapYear(1401.5)).toThrow(RangeError);
    expect(() => isJalaliLeapYear(5000)).toThrow(RangeError);
  });
});

describe("jalaliMonthRange", () => {
  it("spans Shahrivar to Esfand 1401", () => {
    expect(jalaliMonthRange(1401, 6, 12)).toEqual({ from: "2022-08-23", to: "2023-03-20" });
  });

  it("ends on Esfand 30 in a leap year", () => {
    expect(jalaliMonthRange(1403, 12, 12)).toEqual({ from: "2025-02-19", to: "2025-03-20" });
  });

  it("crosses the Gregorian new year (Dey 1401)", () => {
    expect(jalaliMonthRange(1401, 10, 10)).toEqual({ from: "2022-12-22", to: "2023-01-20" });
  });

  it("covers a whole year", () => {
    expect(jalaliMonthRange(1402, 1, 12)).toEqual({ from: "2023-03-21", to: "2024-03-19" });
  });

  it.each([
    [0, 12],
    [1, 13],
    [7, 6],
    [1.5, 2],
  ])("rejects months %s..%s", (from, to) => {
    expect(() => jalaliMonthRange(1401, from, to)).toThrow(RangeError);
  });
});

describe("month names", () => {
  it("lists twelve names per language in calendar order", () => {
    expect(JALALI_MONTH_NAMES.fa).toHaveLength(12);
    expect(JALALI_MONTH_NAMES.en).toHaveLength(12);
    expect(JALALI_MONTH_NAMES.fa[0]).toBe("فروردین");
    expect(JALALI_MONTH_NAMES.en[11]).toBe("Esfand");
  });

  it("looks up names by 1-based month", () => {
    expect(jalaliMonthName(1, "fa")).toBe("فروردین");
    expect(jalaliMonthName(6, "fa")).toBe("شهریور");
    expect(jalaliMonthName(6, "en")).toBe("Shahrivar");
    expect(jalaliMonthName(10, "en")).toBe("Dey");
    expect(jalaliMonthName(12, "fa")).toBe("اسفند");
  });

  it("uses Persian yeh and keheh, not the Arabic letters", () => {
    const all = JALALI_MONTH_NAMES.fa.join("");
    expect(all).not.toMatch(/[\u064A\u0643]/u);
  });

  it("is immutable", () => {
    expect(Object.isFrozen(JALALI_MONTH_NAMES)).toBe(true);
    expect(Object.isFrozen(JALALI_MONTH_NAMES.fa)).toBe(true);
  });

  it("rejects bad months and languages", () => {
    expect(() => jalaliMonthName(0, "fa")).toThrow(RangeError);
    expect(() => jalaliMonthName(13, "en")).toThrow(RangeError);
    expect(() => jalaliMonthName(1, "de" as "en")).toThrow(RangeError);
  });
});

describe("isIsoDate", () => {
  it("accepts real YYYY-MM-DD days", () => {
    expect(isIsoDate("2022-08-23")).toBe(true);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2000-02-29")).toBe(true);
  });

  it.each([
    "2022-02-30",
    "2023-02-29",
    "1900-02-29",
    "2022-04-31",
    "2022-13-01",
    "2022-00-01",
    "2022-01-00",
    "2022-8-23",
    "22-08-23",
    "2022/08/23",
    "2022-08-23T10:00",
    "abc",
    "",
  ])("rejects %j", (input) => {
    expect(isIsoDate(input)).toBe(false);
  });
});
