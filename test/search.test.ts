import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisations } from "../seeds/dataset/organisations.js";
import { trips } from "../seeds/dataset/trips.js";
import { errorCodes, startTestServer, type TestServer } from "./support/testServer.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

// Trip.code and Country.code are both `String!`, so one plain `code` serves both members
// (test/search-union.test.ts keeps the SearchHit members' shared fields in agreement).
const SEARCH = `
  query Search($text: String!, $first: Int) {
    search(text: $text, first: $first) {
      __typename
      ... on City { slug }
      ... on Organisation { slug }
      ... on Trip { code }
      ... on Country { code }
      ... on Event { name { en } }
    }
  }`;

interface Hit {
  __typename: "City" | "Organisation" | "Trip" | "Country" | "Event";
  slug?: string;
  code?: string;
  name?: { en: string | null };
}

/** A compact label per hit, e.g. "Organisation:wego", "Trip:CFT-1401-0113", "Country:KR". */
function label(hit: Hit): string {
  switch (hit.__typename) {
    case "City":
    case "Organisation":
      return `${hit.__typename}:${hit.slug}`;
    case "Trip":
      return `Trip:${hit.code}`;
    case "Country":
      return `Country:${hit.code}`;
    case "Event":
      return `Event:${hit.name?.en}`;
  }
}

async function search(text: string, first?: number): Promise<string[]> {
  const res = await server.gql<{ search: Hit[] }>(SEARCH, first === undefined ? { text } : { text, first });
  expect(res.errors).toBeUndefined();
  return res.data!.search.map(label);
}

describe("search: Persian folding", () => {
  it("matches Arabic yeh and kaf against stored Persian ی and ک (country کرهٔ جنوبی)", async () => {
    // Stored: "کرهٔ جنوبی" (Persian kaf, heh + hamza above, Persian yeh). Asked: Arabic ك and ي.
    expect(await search("كره جنوبي")).toEqual(["Country:KR"]);
    expect(await search("کره جنوبی")).toEqual(["Country:KR"]);
  });

  it("matches Arabic kaf and yeh in an organisation's Persian acronym (ايزوكارپ → ایزوکارپ)", async () => {
    const hits = await search("ايزوكارپ");
    expect(hits).toContain("Organisation:isocarp");
    expect(hits).toContain("Event:58th ISOCARP World Planning Congress");
    expect(hits).toHaveLength(2);
  });

  it("ignores a missing ZWNJ: هنگكنگ finds هنگ‌کنگ (Hong Kong)", async () => {
    expect(await search("هنگكنگ")).toEqual(["Country:HK"]);
    expect(await search("هنگ‌کنگ")).toEqual(["Country:HK"]);
  });

  it("ignores a missing ZWNJ in کلان‌شهرها: finds the Metropolis organisation, its trip and webinar", async () => {
    const hits = await search("كلانشهرها");
    expect(new Set(hits)).toEqual(
      new Set(["Organisation:metropolis", "Trip:CFT-1401-0026", "Event:Metropolis webinar on metropolitan resilience"]),
    );
  });

  it("ignores a ZWNJ the stored name does not have", async () => {
    const hits = await search("ته‌ران");
    expect(hits[0]).toBe("City:tehran");
  });

  it("ignores tatweel (kashida) and diacritics", async () => {
    const plain = await search("تهران");
    expect(plain[0]).toBe("City:tehran");
    expect(await search("تهـــران")).toEqual(plain);
    expect(await search("تَهران")).toEqual(plain);
  });

  it("matches Persian and Arabic-Indic digits against ASCII trip codes", async () => {
    expect(await search("۱۴۰۱ ۰۱۱۳")).toEqual(["Trip:CFT-1401-0113"]);
    expect(await search("١٤٠١-٠١١٣")).toEqual(["Trip:CFT-1401-0113"]);
    expect(await search("CFT-1401-0113")).toEqual(["Trip:CFT-1401-0113"]);
  });

  it("matches ASCII digits against Persian digits in a stored name (اكسپو 2020 → اکسپو ۲۰۲۰)", async () => {
    const hits = await search("اكسپو 2020");
    expect(hits[0]).toBe("Event:Expo 2020 Dubai");
  });

  it("finds a Persian name written with Persian letters (وگو → WeGO)", async () => {
    expect(await search("وگو")).toEqual(["Organisation:wego"]);
  });
});

describe("search: Latin text, acronyms and slugs", () => {
  it("is case-insensitive on acronyms: WEGO finds the WeGO organisation first", async () => {
    const upper = await search("WEGO");
    expect(upper[0]).toBe("Organisation:wego");
    expect(upper).toContain("Event:WeGO online smart-cities summit");
    expect(await search("wego")).toEqual(upper);
  });

  it("matches a hyphenated slug", async () => {
    const hits = await search("najaf-governorate");
    expect(hits[0]).toBe("Organisation:najaf-governorate");
    // The Najaf trip names the governorate in its title.
    expect(hits).toContain("Trip:CFT-1401-0113");
  });

  it("matches English names, in any word order", async () => {
    expect((await search("Najaf Governorate"))[0]).toBe("Organisation:najaf-governorate");
    expect((await search("governorate najaf"))[0]).toBe("Organisation:najaf-governorate");
    expect(await search("south korea")).toEqual(["Country:KR"]);
    expect(await search("iran")).toEqual(["Country:IR"]);
    expect(await search("ایران")).toEqual(["Country:IR"]);
  });

  it("requires every word to match (AND)", async () => {
    const hits = await search("metropolis assembly");
    expect(new Set(hits)).toEqual(
      new Set([
        "Event:Metropolis assembly (September 2022)",
        "Event:Metropolis General Assembly 2020 (online)",
        "Event:Metropolis World Congress and General Assembly 2023, Brussels",
        "Trip:CFT-1401-0026",
        "Trip:CFT-1402-0901",
      ]),
    );
    // Metropolis's other events have one of the words, not both.
    expect(hits).not.toContain("Event:Metropolis Annual Meeting 2021 (online)");
  });

  it("matches prefixes of words, but not the middle of a word", async () => {
    const prefix = await search("isoc");
    expect(prefix[0]).toBe("Organisation:isocarp");
    expect(await search("tehr")).toContain("City:tehran");
    expect(await search("tropolis")).toEqual([]);
  });

  it("ranks the organisation whose acronym and slug is the word above events and trips that mention it", async () => {
    const hits = await search("metropolis");
    expect(hits[0]).toBe("Organisation:metropolis");
    expect(hits).toContain("Event:Metropolis assembly (September 2022)");
    expect(hits).toContain("Trip:CFT-1401-0026");
    expect(hits.filter((h) => h === "Organisation:metropolis")).toHaveLength(1);
  });

  // "keys (slugs, acronyms, codes) rank above names": asking for an organisation's own slug or
  // acronym must put that organisation first, above events and trips that merely mention it.
  it.each(organisations.map((o) => [o.slug, o.slug] as const))(
    "searching the slug %j puts that organisation first",
    async (_name, slug) => {
      expect((await search(slug, 5))[0]).toBe(`Organisation:${slug}`);
    },
  );

  it.each(organisations.filter((o) => o.acronym).map((o) => [o.acronym!, o.slug] as const))(
    "searching the acronym %j puts that organisation first",
    async (acronym, slug) => {
      expect((await search(acronym, 5))[0]).toBe(`Organisation:${slug}`);
    },
  );

  it("finds a city by English and Persian name, the city first", async () => {
    expect((await search("Barcelona"))[0]).toBe("City:barcelona");
    expect((await search("بارسلون"))[0]).toBe("City:barcelona");
  });
});

describe("search: result typing and limits", () => {
  it("returns union members with their own fields via inline fragments", async () => {
    const res = await server.gql<{ search: Hit[] }>(SEARCH, { text: "uclg", first: 20 });
    expect(res.errors).toBeUndefined();
    const hits = res.data!.search;
    const types = new Set(hits.map((h) => h.__typename));
    expect(types).toEqual(new Set(["Organisation", "Event", "Trip"]));
    for (const h of hits) {
      if (h.__typename === "Organisation") expect(h.slug).toMatch(/^uclg/);
      if (h.__typename === "Trip") expect(h.code).toMatch(/^CFT-\d{4}-\d{4}$/);
      if (h.__typename === "Event") expect(h.name?.en).toMatch(/UCLG/);
      // Fields of other members are not present on a hit.
      expect(Object.keys(h).length).toBe(2);
    }
    expect(hits.map(label)).toEqual(expect.arrayContaining(["Organisation:uclg", "Organisation:uclg-mewa"]));
  });

  it("a Country hit carries its code and a City hit its slug", async () => {
    const res = await server.gql(`{ search(text: "تهران", first: 1) { __typename ... on City { slug country { code } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.search).toEqual([{ __typename: "City", slug: "tehran", country: { code: "IR" } }]);
  });

  it("`first` caps the number of hits", async () => {
    expect((await search("metropolis", 20)).length).toBeGreaterThan(2);
    expect(await search("metropolis", 2)).toHaveLength(2);
    expect(await search("metropolis", 1)).toEqual(["Organisation:metropolis"]);
  });

  it("defaults `first` to 20", async () => {
    // "CFT" is the prefix of every trip code: all seed trips match.
    expect(await search("CFT")).toHaveLength(20);
    expect(await search("cft", 100)).toHaveLength(trips.length);
    // Two words: only the trips of 1401.
    const of1401 = trips.filter((t) => t.code.startsWith("CFT-1401-")).map((t) => `Trip:${t.code}`);
    expect(new Set(await search("cft ۱۴۰۱", 100))).toEqual(new Set(of1401));
  });

  it.each(["", "   ", "\u200c", "!!! ---"])("text %j with no letters or digits gives []", async (text) => {
    expect(await search(text)).toEqual([]);
  });

  it("an unmatched word gives []", async () => {
    expect(await search("zzzqqq")).toEqual([]);
  });

  it.each([0, 101, -5])("first: %d is a BAD_USER_INPUT error", async (first) => {
    const res = await server.gql(SEARCH, { text: "metropolis", first });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].extensions?.argumentName).toBe("first");
    expect(res.data).toBeNull();
  });

  it("text longer than 200 characters is a BAD_USER_INPUT error", async () => {
    const res = await server.gql(SEARCH, { text: "a".repeat(201) });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].extensions?.argumentName).toBe("text");
  });

  it("first: 100 is allowed", async () => {
    expect((await search("metropolis", 100)).length).toBeGreaterThan(0);
  });
});
