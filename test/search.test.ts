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

  it("finds a word whose ZWNJ was typed as a space: نمایش گاه finds نمایشگاه", async () => {
    const joined = await search("نمایشگاه", 100);
    expect(joined.length).toBeGreaterThan(3);
    expect(new Set(await search("نمایش گاه", 100))).toEqual(new Set(joined));
    const gitex = await search("نمایش گاه جیتکس");
    expect(gitex[0]).toBe("Event:GITEX Global 2022");
    expect(gitex).toEqual(await search("نمایشگاه جیتکس"));
    // Two words that only match apart still match apart.
    expect(await search("کره جنوبی")).toEqual(["Country:KR"]);
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

describe("searchConnection: pages with cursors, filters by type", () => {
  const PAGE = `query($text: String!, $first: Int, $after: String, $last: Int, $before: String, $types: [SearchType!]) {
    searchConnection(text: $text, first: $first, after: $after, last: $last, before: $before, types: $types) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { __typename ... on City { slug } ... on Organisation { slug } ... on Trip { code } ... on Country { code } ... on Event { name { en } } }
    }
  }`;
  const page = async (variables: Record<string, unknown>) => {
    const res = await server.gql(PAGE, variables);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data.searchConnection as { totalCount: number; pageInfo: any; nodes: Hit[] };
  };

  it("pages of 3 forwards and backwards give the one page of 100, in rank order", async () => {
    const text = "1401";
    const all = await page({ text, first: 100 });
    expect(all.nodes.length).toBeGreaterThan(10);
    expect(all.totalCount).toBe(all.nodes.length);
    expect(all.nodes.map(label)).toEqual((await search(text, 100)).slice(0, all.nodes.length));
    const forwards: string[] = [];
    let after: string | null = null;
    for (;;) {
      const p = await page({ text, first: 3, after });
      forwards.push(...p.nodes.map(label));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(forwards).toEqual(all.nodes.map(label));
    const backwards: string[] = [];
    let before: string | null = null;
    for (;;) {
      const p = await page({ text, last: 3, before });
      backwards.unshift(...p.nodes.map(label));
      if (!p.pageInfo.hasPreviousPage) break;
      before = p.pageInfo.startCursor;
    }
    expect(backwards).toEqual(forwards);
  });

  it("types keeps only those kinds, on both fields", async () => {
    const trips = await page({ text: "تهران", first: 100, types: ["TRIP"] });
    expect(trips.nodes.length).toBeGreaterThan(0);
    expect(new Set(trips.nodes.map((n) => n.__typename))).toEqual(new Set(["Trip"]));
    const places = await page({ text: "تهران", first: 100, types: ["CITY", "COUNTRY"] });
    expect(places.nodes.map(label)[0]).toBe("City:tehran");
    expect(places.nodes.every((n) => n.__typename === "City" || n.__typename === "Country")).toBe(true);
    const all = await page({ text: "تهران", first: 100 });
    expect(all.totalCount).toBeGreaterThan(trips.totalCount + places.totalCount - 1);
    const old = await server.gql(`{ search(text: "تهران", types: [CITY]) { __typename } }`);
    expect(old.errors).toBeUndefined();
    expect(old.data.search.every((h: Hit) => h.__typename === "City")).toBe(true);
  });

  it("a cursor of another search or of another list is refused as such", async () => {
    const first = await page({ text: "1401", first: 2 });
    const other = await server.gql(PAGE, { text: "1402", first: 2, after: first.pageInfo.endCursor });
    expect(errorCodes(other)).toEqual(["BAD_USER_INPUT"]);
    expect(other.errors![0].message).toMatch(/another search/);
    const typed = await server.gql(PAGE, { text: "1401", first: 2, after: first.pageInfo.endCursor, types: ["TRIP"] });
    expect(errorCodes(typed)).toEqual(["BAD_USER_INPUT"]);
    const events = (await server.gql(`{ events(first: 1) { pageInfo { endCursor } } }`)).data.events.pageInfo.endCursor;
    const list = await server.gql(PAGE, { text: "1401", first: 2, after: events });
    expect(errorCodes(list)).toEqual(["BAD_USER_INPUT"]);
    expect(list.errors![0].message).toMatch(/a cursor of another list \(events\), not of search/);
    const searchCursorToTrips = await server.gql(`query($after: String) { trips(after: $after) { totalCount } }`, {
      after: first.pageInfo.endCursor,
    });
    expect(searchCursorToTrips.errors![0].message).toMatch(/another list \(search\)/);
    const tampered = Buffer.from(JSON.stringify(["search", "x", 1, "0.5", 3]), "utf8").toString("base64url");
    expect(errorCodes(await server.gql(PAGE, { text: "1401", first: 2, after: tampered }))).toEqual(["BAD_USER_INPUT"]);
  });

  it("a page of 50 runs as many statements as a page of 5", async () => {
    const text = "1401";
    const select = `{ __typename ... on Trip { code city { slug } destinations { slug } } ... on City { slug country { code } } }`;
    const q = (n: number) => `{ searchConnection(text: "${text}", first: ${n}) { totalCount nodes ${select} } }`;
    let rows = 0;
    const small = await server.countStatements(async () => expect((await server.gql(q(5))).errors).toBeUndefined());
    const large = await server.countStatements(async () => {
      const res = await server.gql(q(50));
      expect(res.errors).toBeUndefined();
      rows = res.data.searchConnection.nodes.length;
    });
    expect(rows).toBeGreaterThan(20);
    expect(large).toBe(small);
  });
});
