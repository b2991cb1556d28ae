import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoCountries } from "../seeds/countries.js";
import { cities } from "../seeds/dataset/cities.js";
import { memberships } from "../seeds/dataset/memberships.js";
import { partnerships } from "../seeds/dataset/partnerships.js";
import { errorCodes, startTestServer, type TestServer } from "./support/testServer.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Binary (code-unit) order, as SQLite compares text. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const seedSlugsByName = [...cities].sort((a, b) => byCodeUnits(a.nameEn, b.nameEn)).map((c) => c.slug);

describe("countries", () => {
  let countries: { id: string; code: string; name: { fa: string | null; en: string | null }; provenance: string }[];
  beforeAll(async () => {
    const res = await server.gql(`{ countries { id code name { fa en } provenance } }`);
    expect(res.errors).toBeUndefined();
    countries = res.data.countries;
  });

  it("lists every ISO 3166-1 code i18n-iso-countries knows, once each", () => {
    const expected = isoCountries().map((c) => c.code);
    expect(countries.length).toBe(expected.length);
    expect(countries.length).toBeGreaterThanOrEqual(249);
    expect(new Set(countries.map((c) => c.code)).size).toBe(countries.length);
    expect(countries.map((c) => c.code).sort()).toEqual([...expected].sort());
  });

  it("is ordered by code", () => {
    const codes = countries.map((c) => c.code);
    expect(codes).toEqual([...codes].sort(byCodeUnits));
    expect(codes[0]).toBe("AD");
    expect(codes[codes.length - 1]).toBe("ZW");
  });

  it("names Iran in Persian and English", () => {
    const ir = countries.find((c) => c.code === "IR")!;
    expect(ir.name.fa).toBe("ایران");
    // i18n-iso-countries' English name for IR.
    expect(ir.name.en).toBe(isoCountries().find((c) => c.code === "IR")!.nameEn);
    expect(ir.name.en).toMatch(/Iran/);
  });

  it("names the F6 countries as the package does", () => {
    const expected = new Map(isoCountries().map((c) => [c.code, c]));
    for (const code of ["IQ", "ES", "TR", "AE", "KR", "RU", "TJ", "IN", "JP", "MY", "ID", "QA", "JO", "DE"]) {
      const c = countries.find((x) => x.code === code)!;
      expect(c.name).toEqual({ fa: expected.get(code)!.nameFa, en: expected.get(code)!.nameEn });
    }
    expect(countries.find((c) => c.code === "IQ")!.name).toEqual({ fa: "عراق", en: "Iraq" });
  });

  it("every country has a Persian and an English name and is SOURCED", () => {
    for (const c of countries) {
      expect(c.name.fa, c.code).toBeTruthy();
      expect(c.name.en, c.code).toBeTruthy();
      expect(c.provenance).toBe("SOURCED");
    }
  });
});

describe("cities", () => {
  it("counts every seed city and orders them by English name", async () => {
    const res = await server.gql(`{ cities(first: 100) { totalCount nodes { slug } pageInfo { hasNextPage } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.cities.totalCount).toBe(cities.length);
    expect(res.data.cities.nodes.map((n: { slug: string }) => n.slug)).toEqual(seedSlugsByName);
    expect(res.data.cities.pageInfo.hasNextPage).toBe(false);
  });

  it("defaults to pages of 20", async () => {
    const res = await server.gql(`{ cities { totalCount nodes { slug } pageInfo { hasNextPage } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.cities.nodes).toHaveLength(20);
    expect(res.data.cities.nodes.map((n: { slug: string }) => n.slug)).toEqual(seedSlugsByName.slice(0, 20));
    expect(res.data.cities.pageInfo.hasNextPage).toBe(true);
  });

  it("pages forward with `after` through the whole list", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: any = await server.gql(
        `query($after: String) { cities(first: 7, after: $after) { totalCount edges { cursor node { slug } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
        { after },
      );
      expect(res.errors).toBeUndefined();
      const conn = res.data.cities;
      expect(conn.totalCount).toBe(cities.length);
      expect(conn.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(conn.pageInfo.startCursor).toBe(conn.edges[0].cursor);
      expect(conn.pageInfo.endCursor).toBe(conn.edges[conn.edges.length - 1].cursor);
      seen.push(...conn.edges.map((e: { node: { slug: string } }) => e.node.slug));
      pages++;
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
      expect(pages).toBeLessThan(20);
    }
    expect(pages).toBe(Math.ceil(cities.length / 7));
    expect(seen).toEqual(seedSlugsByName);
  });

  it("filters by country code", async () => {
    const res = await server.gql(`{ cities(filter: { countries: ["IQ"] }) { totalCount nodes { slug country { code } } } }`);
    expect(res.errors).toBeUndefined();
    const expected = cities
      .filter((c) => c.country === "IQ")
      .map((c) => c.slug)
      .sort();
    expect(expected).toEqual(["baghdad", "basra", "erbil", "karbala", "najaf"]);
    expect(res.data.cities.totalCount).toBe(expected.length);
    expect(res.data.cities.nodes.map((n: { slug: string }) => n.slug).sort()).toEqual(expected);
    for (const n of res.data.cities.nodes) expect(n.country.code).toBe("IQ");
  });

  it("filters by several countries", async () => {
    const res = await server.gql(`{ cities(filter: { countries: ["KR", "DE"] }) { totalCount nodes { slug } } }`);
    expect(res.errors).toBeUndefined();
    const expected = cities
      .filter((c) => c.country === "KR" || c.country === "DE")
      .map((c) => c.slug)
      .sort();
    expect(res.data.cities.totalCount).toBe(expected.length);
    expect(res.data.cities.nodes.map((n: { slug: string }) => n.slug).sort()).toEqual(expected);
  });

  it("filters by organisation membership, by slug and by global ID", async () => {
    const bySlug = await server.gql(`{ cities(filter: { memberOf: ["metropolis"] }) { totalCount nodes { slug } } }`);
    expect(bySlug.errors).toBeUndefined();
    const expected = memberships
      .filter((m) => m.organisation === "metropolis")
      .map((m) => m.member)
      .sort();
    expect(expected).toEqual(["istanbul", "seoul", "tehran"]);
    expect(bySlug.data.cities.totalCount).toBe(3);
    expect(bySlug.data.cities.nodes.map((n: { slug: string }) => n.slug).sort()).toEqual(expected);

    const org = await server.gql(`{ organisation(slug: "metropolis") { id } }`);
    const byId = await server.gql(`query($id: String!) { cities(filter: { memberOf: [$id] }) { totalCount nodes { slug } } }`, {
      id: org.data.organisation.id,
    });
    expect(byId.errors).toBeUndefined();
    expect(byId.data.cities).toEqual(bySlug.data.cities);
  });

  it("combines filters with AND", async () => {
    const res = await server.gql(
      `{ cities(filter: { memberOf: ["citynet"], countries: ["KR"] }) { totalCount nodes { slug } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.cities).toEqual({ totalCount: 1, nodes: [{ slug: "seoul" }] });
  });

  it("filters by provenance: the cities the report names are PARTLY_SOURCED", async () => {
    const res = await server.gql(`{ cities(first: 100, filter: { provenance: PARTLY_SOURCED }) { totalCount nodes { slug } } }`);
    expect(res.errors).toBeUndefined();
    const cited = cities
      .filter((c) => c.citations.length > 0)
      .map((c) => c.slug)
      .sort();
    expect(res.data.cities.nodes.map((n: { slug: string }) => n.slug).sort()).toEqual(cited);
    // Tehran and Najaf (the report) and the partner cities and hosts public sources name; no source
    // gives coordinates, so none is SOURCED.
    expect(cited).toEqual(expect.arrayContaining(["najaf", "tehran", "minsk", "beijing"]));
    expect(res.data.cities.totalCount).toBe(cited.length);
  });

  it("an unknown country or organisation is refused, not answered with an empty list", async () => {
    for (const [filter, argument] of [
      [`{ countries: ["XX"] }`, "filter.countries"],
      [`{ memberOf: ["no-such-org"] }`, "filter.memberOf"],
    ]) {
      const res = await server.gql(`{ cities(filter: ${filter}) { totalCount nodes { slug } } }`);
      expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
      expect(res.errors![0].extensions?.argumentName).toBe(argument);
      expect(res.data).toBeNull();
    }
  });

  it("a Trip ID in memberOf is a BAD_USER_INPUT error", async () => {
    const trip = await server.gql(`{ trips(first: 1) { nodes { id } } }`);
    const res = await server.gql(`query($id: String!) { cities(filter: { memberOf: [$id] }) { totalCount } }`, {
      id: trip.data.trips.nodes[0].id,
    });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  });

  it.each([0, 101, -1])("first: %d is a BAD_USER_INPUT error", async (first) => {
    const res = await server.gql(`query($first: Int) { cities(first: $first) { totalCount } }`, { first });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].extensions?.argumentName).toBe("first");
  });

  it("a malformed cursor is a BAD_USER_INPUT error", async () => {
    const res = await server.gql(`{ cities(first: 5, after: "not-a-cursor") { totalCount } }`);
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("a city's fields", () => {
  const TEHRAN = `{
    cities(filter: { countries: ["IR"] }) {
      nodes {
        slug name { fa en } latitude longitude population provenance sourcedFields unsourcedFields
        country { code name { fa } }
        memberships(first: 100) { totalCount nodes { organisation { slug } status } }
        lapsed: memberships(filter: { status: [LAPSED] }) { totalCount nodes { organisation { slug } endDate } }
        firstTwo: memberships(first: 2) { totalCount pageInfo { hasNextPage } nodes { organisation { slug } } }
        partnerships(first: 100) { totalCount nodes { partner { slug } kind status signedOn signedPrecision signedJalali { iso } city { slug } } }
      }
    }
  }`;
  let tehran: any;
  beforeAll(async () => {
    const res = await server.gql(TEHRAN);
    expect(res.errors).toBeUndefined();
    expect(res.data.cities.nodes).toHaveLength(1);
    tehran = res.data.cities.nodes[0];
  });

  it("has the seed's name, coordinates, population and country", () => {
    const seed = cities.find((c) => c.slug === "tehran")!;
    expect(tehran.slug).toBe("tehran");
    expect(tehran.name).toEqual({ fa: "تهران", en: "Tehran" });
    expect(tehran.latitude).toBe(seed.latitude);
    expect(tehran.longitude).toBe(seed.longitude);
    expect(tehran.latitude).toBeCloseTo(35.6892, 4);
    expect(tehran.longitude).toBeCloseTo(51.389, 4);
    expect(tehran.population).toBe(10_000_000);
    // F19 states the name and "over 10 million people"; the coordinates and country are not the report's.
    expect(tehran.provenance).toBe("PARTLY_SOURCED");
    expect(tehran.sourcedFields).toEqual(["name", "population"]);
    expect(tehran.unsourcedFields).toEqual(["country", "latitude", "longitude"]);
    expect(tehran.country).toEqual({ code: "IR", name: { fa: "ایران" } });
  });

  it("lists its memberships as a nested connection", () => {
    const expected = memberships.filter((m) => m.member === "tehran");
    expect(tehran.memberships.totalCount).toBe(expected.length);
    expect(tehran.memberships.nodes.map((n: any) => n.organisation.slug).sort()).toEqual(
      expected.map((m) => m.organisation).sort(),
    );
  });

  it("filters and pages its memberships", () => {
    expect(tehran.lapsed).toEqual({ totalCount: 1, nodes: [{ organisation: { slug: "iclei" }, endDate: "2016-12-31" }] });
    expect(tehran.firstTwo.nodes).toHaveLength(2);
    expect(tehran.firstTwo.totalCount).toBe(memberships.filter((m) => m.member === "tehran").length);
    expect(tehran.firstTwo.pageInfo.hasNextPage).toBe(true);
  });

  it("lists the seed's partnerships", () => {
    const expected = partnerships.filter((p) => p.city === "tehran");
    expect(tehran.partnerships.totalCount).toBe(expected.length);
    const got = tehran.partnerships.nodes.map((n: any) => [n.partner.slug, n.kind, n.status, n.signedOn]).sort();
    expect(got).toEqual(expected.map((p) => [p.partner, p.kind, p.status, p.signedOn ?? null]).sort());
    for (const n of tehran.partnerships.nodes) expect(n.city.slug).toBe("tehran");
  });

  it("gives a partnership's signing date in Jalali too", () => {
    const seoul = tehran.partnerships.nodes.find((n: any) => n.partner.slug === "seoul");
    // The atlas gives Seoul's year only: the year's first day, at YEAR precision.
    expect(seoul.signedOn).toBe("1963-01-01");
    expect(seoul.signedPrecision).toBe("YEAR");
    // 1963 runs from 11 Dey 1341 to 10 Dey 1342: the two Jalali years, no day.
    expect(seoul.signedJalali).toEqual({ iso: "1341/1342" });
    const yerevan = tehran.partnerships.nodes.find((n: any) => n.partner.slug === "yerevan");
    expect(yerevan).toMatchObject({ signedOn: "2023-01-18", signedPrecision: "DAY" });
    const sanaa = tehran.partnerships.nodes.find((n: any) => n.partner.slug === "sanaa");
    expect(sanaa.signedOn).toBeNull();
    expect(sanaa.signedPrecision).toBeNull();
    expect(sanaa.signedJalali).toBeNull();
  });

  it("a city with no partnerships has an empty connection; memberships of another city are its own", async () => {
    const res = await server.gql(
      `{ cities(filter: { countries: ["KR"] }) { nodes { slug partnerships { totalCount nodes { id } } memberships { totalCount nodes { organisation { slug } role } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const seoul = res.data.cities.nodes.find((n: any) => n.slug === "seoul");
    expect(seoul.partnerships).toEqual({ totalCount: 0, nodes: [] });
    expect(seoul.memberships.totalCount).toBe(3);
    expect(seoul.memberships.nodes.map((n: any) => n.organisation.slug).sort()).toEqual(["citynet", "metropolis", "wego"]);
    const daejeon = res.data.cities.nodes.find((n: any) => n.slug === "daejeon");
    expect(daejeon.memberships).toEqual({ totalCount: 0, nodes: [] });
  });

  it("a bad page size on a nested connection is a BAD_USER_INPUT error", async () => {
    const res = await server.gql(`{ cities(first: 1) { nodes { memberships(first: 101) { totalCount } } } }`);
    expect(errorCodes(res)).toContain("BAD_USER_INPUT");
  });

  it("every city has coordinates in range", async () => {
    const res = await server.gql(`{ cities(first: 100) { nodes { slug latitude longitude } } }`);
    expect(res.errors).toBeUndefined();
    for (const c of res.data.cities.nodes) {
      expect(typeof c.latitude, c.slug).toBe("number");
      expect(typeof c.longitude, c.slug).toBe("number");
      expect(Math.abs(c.latitude)).toBeLessThanOrEqual(90);
      expect(Math.abs(c.longitude)).toBeLessThanOrEqual(180);
    }
  });
});
