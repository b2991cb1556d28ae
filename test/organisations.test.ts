import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events } from "../seeds/dataset/events.js";
import { memberships } from "../seeds/dataset/memberships.js";
import { organisations } from "../seeds/dataset/organisations.js";
import { trips } from "../seeds/dataset/trips.js";
import { errorCodes, startTestServer, type TestServer } from "./support/testServer.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const slugsByName = [...organisations].sort((a, b) => byCodeUnits(a.nameEn, b.nameEn)).map((o) => o.slug);
const slugs = (conn: { nodes: { slug: string }[] }) => conn.nodes.map((n) => n.slug);

const LIST = `query($filter: OrganisationFilter, $orderBy: [OrganisationOrder!], $first: Int, $last: Int, $after: String, $before: String) {
  organisations(filter: $filter, orderBy: $orderBy, first: $first, last: $last, after: $after, before: $before) {
    totalCount nodes { slug } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function list(variables: Record<string, unknown> = {}) {
  const res = await server.gql(LIST, variables);
  expect(res.errors).toBeUndefined();
  return res.data.organisations;
}

describe("organisations", () => {
  it("lists the 11 seed organisations, by English name", async () => {
    const conn = await list();
    expect(organisations).toHaveLength(11);
    expect(conn.totalCount).toBe(11);
    expect(slugs(conn)).toEqual(slugsByName);
    expect(slugs(conn)[0]).toBe("amf"); // "Asian Mayors Forum"
  });

  it("monitored: true gives exactly the 9 bodies of F13", async () => {
    const conn = await list({ filter: { monitored: true } });
    expect(conn.totalCount).toBe(9);
    expect(slugs(conn).sort()).toEqual(
      organisations
        .filter((o) => o.monitored)
        .map((o) => o.slug)
        .sort(),
    );
    expect(slugs(conn)).not.toContain("najaf-governorate");
  });

  it("monitored: false gives the others", async () => {
    const conn = await list({ filter: { monitored: false } });
    // The Najaf governorate (F12) and the Asian Mayors Forum, which F13's nine are not said to include.
    expect(conn.totalCount).toBe(2);
    expect(slugs(conn).sort()).toEqual(["amf", "najaf-governorate"]);
  });

  it("filters by kind", async () => {
    const cityNetworks = await list({ filter: { kind: ["CITY_NETWORK"] } });
    expect(slugs(cityNetworks).sort()).toEqual(
      organisations
        .filter((o) => o.kind === "CITY_NETWORK")
        .map((o) => o.slug)
        .sort(),
    );
    expect(cityNetworks.totalCount).toBe(8);

    const two = await list({ filter: { kind: ["PROFESSIONAL_SOCIETY", "UN_AGENCY"] } });
    expect(two.totalCount).toBe(2);
    expect(slugs(two).sort()).toEqual(["isocarp", "un-habitat"]);

    const none = await list({ filter: { kind: ["COMPANY"] } });
    expect(none).toMatchObject({ totalCount: 0, nodes: [] });
  });

  it("filters by member city (by slug and by global ID)", async () => {
    const conn = await list({ filter: { memberCity: ["tehran"] } });
    const expected = memberships
      .filter((m) => m.member === "tehran")
      .map((m) => m.organisation)
      .sort();
    expect(conn.totalCount).toBe(expected.length);
    expect(slugs(conn).sort()).toEqual(expected);
    expect(slugs(conn)).toEqual(expect.arrayContaining(["metropolis", "wego", "isocarp"]));

    const tehran = await server.gql(`{ cities(filter: { countries: ["IR"] }) { nodes { id } } }`);
    const byId = await list({ filter: { memberCity: [tehran.data.cities.nodes[0].id] } });
    expect(byId).toEqual(conn);

    const seoul = await list({ filter: { memberCity: ["seoul"] } });
    expect(slugs(seoul).sort()).toEqual(["citynet", "metropolis", "wego"]);
  });

  it("combines filters", async () => {
    const conn = await list({ filter: { memberCity: ["tehran"], provenance: "PARTLY_SOURCED" } });
    expect(slugs(conn).sort()).toEqual(["amf", "isocarp", "metropolis", "wego"]);
  });

  it("an organisation ID in memberCity is a BAD_USER_INPUT error", async () => {
    const org = await server.gql(`{ organisation(slug: "wego") { id } }`);
    const res = await server.gql(LIST, { filter: { memberCity: [org.data.organisation.id] } });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  });

  it("orderBy NAME DESC reverses NAME ASC", async () => {
    const asc = await list({ orderBy: [{ field: "NAME", direction: "ASC" }] });
    const desc = await list({ orderBy: [{ field: "NAME", direction: "DESC" }] });
    expect(slugs(asc)).toEqual(slugsByName);
    expect(slugs(desc)).toEqual([...slugsByName].reverse());
    expect(slugs(desc)[0]).toBe("wego");
  });

  it("orderBy SLUG", async () => {
    const conn = await list({ orderBy: [{ field: "SLUG", direction: "ASC" }] });
    expect(slugs(conn)).toEqual(organisations.map((o) => o.slug).sort(byCodeUnits));
  });

  it("pages forward and backward", async () => {
    const first = await list({ first: 4 });
    expect(slugs(first)).toEqual(slugsByName.slice(0, 4));
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await list({ first: 4, after: first.pageInfo.endCursor });
    expect(slugs(second)).toEqual(slugsByName.slice(4, 8));
    expect(second.pageInfo.hasPreviousPage).toBe(true);

    const last = await list({ last: 3 });
    expect(slugs(last)).toEqual(slugsByName.slice(-3));
    expect(last.pageInfo.hasPreviousPage).toBe(true);
    const before = await list({ last: 3, before: last.pageInfo.startCursor });
    expect(slugs(before)).toEqual(slugsByName.slice(-6, -3));
  });

  it("first and last together is a BAD_USER_INPUT error", async () => {
    const res = await server.gql(LIST, { first: 2, last: 2 });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("organisation(slug)", () => {
  const METROPOLIS = `{
    organisation(slug: "metropolis") {
      id slug acronym name { fa en } kind monitored website focus provenance
      headquarters { slug country { code } }
      sources { kind title publisher publishedOn locator }
      citations { fact fields }
      memberships(first: 100) { totalCount nodes { member { slug } role provenance } }
      tehranOnly: memberships(filter: { member: ["tehran"] }) { totalCount nodes { externalId } }
      events(first: 100) { totalCount nodes { name { en } kind startDate organiser { slug } } }
      assemblies: events(filter: { kind: [GENERAL_ASSEMBLY] }) { totalCount nodes { name { en } } }
      trips(first: 100) { totalCount nodes { code status title { en } } }
      completedTrips: trips(filter: { status: [COMPLETED] }) { totalCount nodes { code } }
    }
  }`;
  let metropolis: any;
  beforeAll(async () => {
    const res = await server.gql(METROPOLIS);
    expect(res.errors).toBeUndefined();
    metropolis = res.data.organisation;
  });

  it("has the seed's name, acronym, kind, website and focus", () => {
    const seed = organisations.find((o) => o.slug === "metropolis")!;
    expect(metropolis.slug).toBe("metropolis");
    expect(metropolis.acronym).toBe("Metropolis");
    expect(metropolis.name).toEqual({ fa: seed.nameFa, en: seed.nameEn });
    expect(metropolis.name.en).toBe("Metropolis, World Association of the Major Metropolises");
    expect(metropolis.kind).toBe("CITY_NETWORK");
    expect(metropolis.monitored).toBe(true);
    expect(metropolis.website).toBe("https://www.metropolis.org");
    expect(metropolis.focus).toEqual(seed.focus);
  });

  it("has its headquarters in Barcelona", () => {
    expect(metropolis.headquarters).toEqual({ slug: "barcelona", country: { code: "ES" } });
  });

  it("is PARTLY_SOURCED: the report names it (F11); its being monitored was shaped by F13", () => {
    expect(metropolis.provenance).toBe("PARTLY_SOURCED");
    expect(metropolis.citations).toEqual([{ fact: "F11", fields: ["acronym"] }]);
    expect(metropolis.sources.map((s: any) => s.locator)).toEqual(["F11", "shaped by F13"]);
    const [report] = metropolis.sources;
    expect(report).toMatchObject({ kind: "NEWS", publisher: "Tehran Press", publishedOn: "2023-05-30" });
    expect(report.title).toMatch(/۱۴۰۱/);
  });

  it("lists its members as a nested connection", () => {
    const expected = memberships
      .filter((m) => m.organisation === "metropolis")
      .map((m) => m.member)
      .sort();
    expect(metropolis.memberships.totalCount).toBe(expected.length);
    expect(metropolis.memberships.nodes.map((n: any) => n.member.slug).sort()).toEqual(expected);
    expect(metropolis.tehranOnly).toEqual({ totalCount: 1, nodes: [{ externalId: "MET-TEH-001" }] });
  });

  it("lists the events it organised", () => {
    const expected = events.filter((e) => e.organiser === "metropolis");
    expect(metropolis.events.totalCount).toBe(expected.length);
    expect(metropolis.events.nodes.map((n: any) => n.name.en).sort()).toEqual(expected.map((e) => e.nameEn).sort());
    for (const n of metropolis.events.nodes) expect(n.organiser.slug).toBe("metropolis");
    // Default order: start date ascending.
    const dates = metropolis.events.nodes.map((n: any) => n.startDate);
    expect(dates).toEqual([...dates].sort());
    expect(metropolis.assemblies.totalCount).toBe(
      events.filter((e) => e.organiser === "metropolis" && e.kind === "GENERAL_ASSEMBLY").length,
    );
    expect(metropolis.assemblies.nodes.map((n: any) => n.name.en)).toContain("Metropolis assembly (September 2022)");
  });

  it("lists linked trips, including the Metropolis assembly trip", () => {
    const expected = trips
      .filter((t) => t.organisations.includes("metropolis"))
      .map((t) => t.code)
      .sort();
    expect(metropolis.trips.totalCount).toBe(expected.length);
    expect(metropolis.trips.nodes.map((n: any) => n.code).sort()).toEqual(expected);
    const assembly = metropolis.trips.nodes.find((n: any) => n.code === "CFT-1401-0026");
    expect(assembly).toEqual({ code: "CFT-1401-0026", status: "COMPLETED", title: { en: "Metropolis assembly" } });
    // The report's assembly trip (F11) and the mayor's Brussels trip of June 2023.
    expect(metropolis.completedTrips.totalCount).toBe(2);
    expect(metropolis.completedTrips.nodes.map((n: any) => n.code).sort()).toEqual(["CFT-1401-0026", "CFT-1402-0901"]);
  });

  it("an unknown slug gives null, without an error", async () => {
    const res = await server.gql(`{ organisation(slug: "no-such-organisation") { slug } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.organisation).toBeNull();
  });

  it("finds WeGO and ISOCARP by slug, PARTLY_SOURCED with their facts", async () => {
    const res = await server.gql(`{
      wego: organisation(slug: "wego") { acronym provenance headquarters { slug } sources { locator } }
      isocarp: organisation(slug: "isocarp") { acronym kind provenance headquarters { slug } sources { locator } }
      najaf: organisation(slug: "najaf-governorate") { acronym kind monitored provenance sources { locator } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.wego).toEqual({
      acronym: "WeGO",
      provenance: "PARTLY_SOURCED",
      headquarters: { slug: "seoul" },
      sources: expect.any(Array),
    });
    expect(res.data.wego.sources.map((s: any) => s.locator)).toEqual(["F14", "shaped by F13"]);
    expect(res.data.isocarp.kind).toBe("PROFESSIONAL_SOCIETY");
    expect(res.data.isocarp.headquarters).toEqual({ slug: "the-hague" });
    expect(res.data.isocarp.sources.map((s: any) => s.locator)).toEqual(["F15", "shaped by F13"]);
    expect(res.data.najaf).toEqual({
      acronym: null,
      kind: "GOVERNMENT",
      monitored: false,
      provenance: "PARTLY_SOURCED",
      sources: [{ locator: "F12" }, { locator: null }],
    });
  });

  it("ILLUSTRATIVE organisations cite the illustrative source, never the report", async () => {
    const res = await server.gql(
      `{ organisations(filter: { provenance: ILLUSTRATIVE }) { totalCount nodes { slug provenance sources { kind title publisher locator } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const expected = organisations
      .filter((o) => o.citations.length === 0)
      .map((o) => o.slug)
      .sort();
    expect(expected).toEqual(["citynet", "iclei", "oicc", "uclg", "uclg-mewa", "un-habitat"]);
    expect(res.data.organisations.totalCount).toBe(expected.length);
    expect(res.data.organisations.nodes.map((n: any) => n.slug).sort()).toEqual(expected);
    for (const o of res.data.organisations.nodes) {
      expect(o.provenance).toBe("ILLUSTRATIVE");
      expect(o.sources).toHaveLength(1);
      expect(o.sources[0].kind).toBe("DATA_ENTRY");
      expect(o.sources[0].publisher).toBe("Footprint");
      expect(o.sources[0].title).toMatch(/illustrative/i);
      expect(o.sources[0].locator).toMatch(/^shaped by F13/);
    }
  });

  it("PARTLY_SOURCED organisations cite the report or the forum's own pages for the fields they state, and nothing is SOURCED", async () => {
    const res = await server.gql(
      `{ organisations(filter: { provenance: PARTLY_SOURCED }) { nodes { slug citations { fields source { kind publisher } } sourcedFields unsourcedFields } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.organisations.nodes.map((n: any) => n.slug).sort()).toEqual([
      "amf",
      "isocarp",
      "metropolis",
      "najaf-governorate",
      "wego",
    ]);
    for (const o of res.data.organisations.nodes) {
      expect(o.citations.length).toBeGreaterThan(0);
      const expected =
        o.slug === "amf"
          ? { kind: "OFFICIAL_DOCUMENT", publisher: "Asian Mayors Forum" }
          : { kind: "NEWS", publisher: "Tehran Press" };
      for (const c of o.citations) expect(c.source).toEqual(expected);
      if (o.slug === "amf") {
        // Its page gives the English name, not the Persian one: `name` is not wholly sourced.
        expect(o.sourcedFields).toEqual(["acronym", "kind", "headquarters"]);
        expect(o.unsourcedFields).toContain("name");
      } else expect(o.sourcedFields).toEqual([...new Set(o.citations.flatMap((c: any) => c.fields))]);
      expect(o.unsourcedFields.length).toBeGreaterThan(0);
    }
    const sourced = await server.gql(`{ organisations(filter: { provenance: SOURCED }) { totalCount } }`);
    expect(sourced.data.organisations.totalCount).toBe(0);
  });
});
