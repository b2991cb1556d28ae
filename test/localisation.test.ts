import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trips } from "../seeds/dataset/trips.js";
import { localized, pickText } from "../src/graphql/localizedText.js";
import { startTestServer, type TestServer } from "./support/testServer.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const WEGO_FA = "سازمان جهانی شهرهای هوشمند و پایدار (وگو)";
const WEGO_EN = "WeGO, World Smart Sustainable Cities Organization";

const NAME = `{ organisation(slug: "wego") { name { text fa en } } }`;

async function wegoText(headers?: Record<string, string>): Promise<string> {
  const res = await server.gql(NAME, undefined, headers);
  expect(res.errors).toBeUndefined();
  expect(res.data.organisation.name.fa).toBe(WEGO_FA);
  expect(res.data.organisation.name.en).toBe(WEGO_EN);
  return res.data.organisation.name.text;
}

describe("LocalizedText.text follows Accept-Language", () => {
  it.each([
    ["fa-IR,fa;q=0.9", WEGO_FA],
    ["fa", WEGO_FA],
    ["en-US", WEGO_EN],
    ["en", WEGO_EN],
    ["de", WEGO_EN],
    ["de-DE,de;q=0.9", WEGO_EN],
    ["de, fa;q=0.5", WEGO_FA],
    ["en;q=0.5, fa;q=0.9", WEGO_FA],
    ["fa;q=0.5, en;q=0.9", WEGO_EN],
    ["FA-ir", WEGO_FA],
    ["fa;q=0", WEGO_EN],
    ["*", WEGO_EN],
  ])("Accept-Language %j", async (header, expected) => {
    expect(await wegoText({ "accept-language": header })).toBe(expected);
  });

  it("without Accept-Language, English", async () => {
    expect(await wegoText()).toBe(WEGO_EN);
  });

  it("text(lang:) overrides the header", async () => {
    const q = `{ organisation(slug: "wego") { name { fa: text(lang: FA) en: text(lang: EN) text } } }`;
    const persian = await server.gql(q, undefined, { "accept-language": "fa-IR,fa;q=0.9" });
    expect(persian.errors).toBeUndefined();
    expect(persian.data.organisation.name).toEqual({ fa: WEGO_FA, en: WEGO_EN, text: WEGO_FA });
    const english = await server.gql(q, undefined, { "accept-language": "en-US" });
    expect(english.data.organisation.name).toEqual({ fa: WEGO_FA, en: WEGO_EN, text: WEGO_EN });
  });

  it("applies to every LocalizedText in a response (city, country, event)", async () => {
    const q = `{ cities(filter: { countries: ["IR"] }) { nodes { name { text } country { name { text } } } }
                 events(first: 1) { nodes { name { text } } } }`;
    const fa = await server.gql(q, undefined, { "accept-language": "fa" });
    expect(fa.errors).toBeUndefined();
    expect(fa.data.cities.nodes[0].name.text).toBe("تهران");
    expect(fa.data.cities.nodes[0].country.name.text).toBe("ایران");
    expect(fa.data.events.nodes[0].name.text).toBe("نخستین مجمع عمومی مجمع شهرداران آسیایی، تهران");
    const en = await server.gql(q, undefined, { "accept-language": "en" });
    expect(en.data.cities.nodes[0].name.text).toBe("Tehran");
    expect(en.data.events.nodes[0].name.text).toBe("1st General Assembly of the Asian Mayors Forum, Tehran");
  });

  it("one request's language does not leak into a concurrent one", async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => wegoText({ "accept-language": i % 2 === 0 ? "fa" : "en" })),
    );
    results.forEach((text, i) => expect(text).toBe(i % 2 === 0 ? WEGO_FA : WEGO_EN));
  });
});

describe("JalaliDate.monthName", () => {
  const Q = `{ events(filter: { kind: [GENERAL_ASSEMBLY], organisation: ["metropolis"], period: { jalaliYear: 1401 } }) {
    nodes { startJalali { month monthName fa: monthName(lang: FA) en: monthName(lang: EN) } }
  } }`;

  it("defaults to Persian (شهریور), whatever the Accept-Language", async () => {
    for (const headers of [undefined, { "accept-language": "en-US" }, { "accept-language": "fa" }]) {
      const res = await server.gql(Q, undefined, headers);
      expect(res.errors).toBeUndefined();
      expect(res.data.events.nodes).toEqual([{ startJalali: { month: 6, monthName: "شهریور", fa: "شهریور", en: "Shahrivar" } }]);
    }
  });

  it("names every month of the year in both languages", async () => {
    const res = await server.gql(
      `{ trips(first: 100) { nodes { startJalali { month fa: monthName en: monthName(lang: EN) } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const byMonth = new Map<number, { fa: string; en: string }>();
    for (const t of res.data.trips.nodes)
      if (t.startJalali) byMonth.set(t.startJalali.month, { fa: t.startJalali.fa, en: t.startJalali.en });
    const expected: Record<number, [string, string]> = {
      1: ["فروردین", "Farvardin"],
      2: ["اردیبهشت", "Ordibehesht"],
      3: ["خرداد", "Khordad"],
      4: ["تیر", "Tir"],
      5: ["مرداد", "Mordad"],
      6: ["شهریور", "Shahrivar"],
      7: ["مهر", "Mehr"],
      8: ["آبان", "Aban"],
      9: ["آذر", "Azar"],
      10: ["دی", "Dey"],
      11: ["بهمن", "Bahman"],
      12: ["اسفند", "Esfand"],
    };
    expect(byMonth.size).toBeGreaterThanOrEqual(6);
    for (const [month, names] of byMonth) expect([names.fa, names.en]).toEqual(expected[month]);
  });
});

describe("Trip.title", () => {
  it("has the seed's Persian and English titles; text follows the header", async () => {
    const seed = trips.find((t) => t.code === "CFT-1401-0113")!;
    const q = `{ trips(first: 100) { nodes { code title { fa en text } } } }`;
    const fa = await server.gql(q, undefined, { "accept-language": "fa-IR" });
    expect(fa.errors).toBeUndefined();
    const najafFa = fa.data.trips.nodes.find((t: any) => t.code === "CFT-1401-0113");
    expect(najafFa.title).toEqual({ fa: seed.titleFa, en: seed.titleEn, text: seed.titleFa });
    expect(najafFa.title.fa).toBe("حضور در نمایشگاه نجف به دعوت استانداری نجف");
    const en = await server.gql(q);
    const najafEn = en.data.trips.nodes.find((t: any) => t.code === "CFT-1401-0113");
    expect(najafEn.title.text).toBe("Najaf exhibition, at the invitation of the Najaf governorate");
  });
});

describe("pickText (unit)", () => {
  it("picks the asked language when present", () => {
    const t = localized("تهران", "Tehran");
    expect(pickText(t, "FA")).toBe("تهران");
    expect(pickText(t, "EN")).toBe("Tehran");
  });

  it("falls back to the other language when one is null", () => {
    expect(pickText(localized(null, "Tehran"), "FA")).toBe("Tehran");
    expect(pickText(localized("تهران", null), "EN")).toBe("تهران");
    expect(pickText(localized(undefined, "Tehran"), "FA")).toBe("Tehran");
  });

  it("gives null when both are missing", () => {
    expect(pickText(localized(null, null), "FA")).toBeNull();
    expect(pickText(localized(undefined, undefined), "EN")).toBeNull();
  });

  it("localized() normalises undefined to null", () => {
    expect(localized(undefined, "x")).toEqual({ fa: null, en: "x" });
  });
});
