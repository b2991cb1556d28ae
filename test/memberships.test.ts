import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberships } from "../seeds/dataset/memberships.js";
import { errorCodes, startTestServer, type TestServer } from "./support/testServer.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const LIST = `query($filter: MembershipFilter, $orderBy: [MembershipOrder!], $first: Int) {
  memberships(filter: $filter, orderBy: $orderBy, first: $first) {
    totalCount
    nodes {
      id member { slug } organisation { slug } via { slug }
      status category categoryLabel role provenance
      startDate startPrecision startJalali { precision year month day lastYear lastMonth iso monthName(lang: EN) }
      endDate endPrecision endJalali { precision iso }
      externalId externalIds { scheme value }
      sources { locator kind }
      citations { fact fields source { kind } }
    }
  }
}`;

/** "member/organisation" keys, sorted. */
const keys = (conn: { nodes: { member: { slug: string }; organisation: { slug: string } }[] }) =>
  conn.nodes.map((n) => `${n.member.slug}/${n.organisation.slug}`).sort();
const seedKeys = (pred: (m: (typeof memberships)[number]) => boolean) =>
  memberships
    .filter(pred)
    .map((m) => `${m.member}/${m.organisation}`)
    .sort();

async function list(filter?: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const res = await server.gql(LIST, { filter, first: 100, ...extra });
  expect(res.errors).toBeUndefined();
  return res.data.memberships;
}

describe("memberships", () => {
  it("lists every seed membership", async () => {
    const conn = await list();
    expect(conn.totalCount).toBe(memberships.length);
    expect(keys(conn)).toEqual(seedKeys(() => true));
  });

  it("orders by start date ascending by default, unknown start dates first", async () => {
    const conn = await list({ member: ["tehran"] });
    const dates = conn.nodes.map((n: any) => n.startDate);
    const unknown = dates.filter((d: string | null) => d === null).length;
    // Metropolis, ISOCARP, UCLG, UCLG-MEWA and OICC: no source gives when they began.
    expect(unknown).toBe(5);
    expect(dates.slice(0, unknown)).toEqual([null, null, null, null, null]);
    const known = dates.slice(unknown);
    expect(known).toEqual([...known].sort());
    expect(conn.nodes[conn.nodes.length - 1].organisation.slug).toBe("wego");
  });

  it("pages forward with `after` and backward with `last`/`before` to the same order", async () => {
    const all = (await list({ member: ["tehran"] })).nodes.map((n: any) => n.organisation.slug);
    expect(all).toHaveLength(memberships.filter((m) => m.member === "tehran").length);
    expect(all.length).toBeGreaterThan(6); // more than two pages of 3
    const PAGE = `query($first: Int, $after: String, $last: Int, $before: String) {
      memberships(filter: { member: ["tehran"] }, first: $first, after: $after, last: $last, before: $before) {
        nodes { organisation { slug } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }`;
    const forward: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res: any = await server.gql(PAGE, { first: 3, after });
      expect(res.errors).toBeUndefined();
      forward.push(...res.data.memberships.nodes.map((n: any) => n.organisation.slug));
      if (!res.data.memberships.pageInfo.hasNextPage) break;
      after = res.data.memberships.pageInfo.endCursor;
    }
    expect(forward).toEqual(all);

    const backward: string[] = [];
    let before: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res: any = await server.gql(PAGE, { last: 3, before });
      expect(res.errors).toBeUndefined();
      backward.unshift(...res.data.memberships.nodes.map((n: any) => n.organisation.slug));
      if (!res.data.memberships.pageInfo.hasPreviousPage) break;
      before = res.data.memberships.pageInfo.startCursor;
    }
    expect(backward).toEqual(all);
  });

  it("orderBy START_DATE DESC puts the latest first", async () => {
    const conn = await list({ member: ["tehran"] }, { orderBy: [{ field: "START_DATE", direction: "DESC" }] });
    expect(conn.nodes[0].organisation.slug).toBe("wego");
    expect(conn.nodes[0].startDate).toBe("2022-01-01");
  });

  it("filters by status", async () => {
    const lapsed = await list({ status: ["LAPSED"] });
    expect(keys(lapsed)).toEqual(["tehran/iclei"]);
    const active = await list({ status: ["ACTIVE"] });
    expect(active.totalCount).toBe(memberships.filter((m) => m.status === "ACTIVE").length);
    const none = await list({ status: ["SUSPENDED", "APPLIED"] });
    expect(none).toEqual({ totalCount: 0, nodes: [] });
  });

  it("filters by organisation slug and by organisation global ID alike", async () => {
    const bySlug = await list({ organisation: ["metropolis"] });
    expect(keys(bySlug)).toEqual(["istanbul/metropolis", "seoul/metropolis", "tehran/metropolis"]);
    const org = await server.gql(`{ organisation(slug: "metropolis") { id } }`);
    const byId = await list({ organisation: [org.data.organisation.id] });
    expect(byId).toEqual(bySlug);
    const mixed = await list({ organisation: [org.data.organisation.id, "wego"] });
    expect(keys(mixed)).toEqual(seedKeys((m) => m.organisation === "metropolis" || m.organisation === "wego"));
  });

  it("filters by member, by slug and global ID", async () => {
    const bySlug = await list({ member: ["seoul"] });
    expect(keys(bySlug)).toEqual(["seoul/citynet", "seoul/metropolis", "seoul/wego"]);
    const city = await server.gql(`{ cities(filter: { countries: ["KR"], memberOf: ["wego"] }) { nodes { id slug } } }`);
    expect(city.data.cities.nodes.map((n: any) => n.slug)).toEqual(["seoul"]);
    const byId = await list({ member: [city.data.cities.nodes[0].id] });
    expect(byId).toEqual(bySlug);
  });

  it("filters by the organisation a membership is held through (UCLG via UCLG-MEWA)", async () => {
    const conn = await list({ via: ["uclg-mewa"] });
    expect(keys(conn)).toEqual(["tehran/uclg"]);
    expect(conn.nodes[0].via).toEqual({ slug: "uclg-mewa" });
    expect(conn.nodes[0].categoryLabel).toBe("Member through the Middle East and West Asia section");
    // Held directly, the UCLG-MEWA membership itself has no `via`.
    const direct = await list({ member: ["tehran"], organisation: ["uclg-mewa"] });
    expect(direct.nodes).toHaveLength(1);
    expect(direct.nodes[0].via).toBeNull();
  });

  it("activeOn: an ended membership is in force inside its range, not after its end", async () => {
    // tehran/iclei: LAPSED, 2009-01-01 .. 2016-12-31.
    const inside = await list({ member: ["tehran"], activeOn: "2012-06-01" });
    expect(keys(inside)).toContain("tehran/iclei");
    const after = await list({ member: ["tehran"], activeOn: "2020-01-01" });
    expect(keys(after)).not.toContain("tehran/iclei");
    const lastDay = await list({ member: ["tehran"], activeOn: "2016-12-31" });
    expect(keys(lastDay)).toContain("tehran/iclei");
    const dayAfter = await list({ member: ["tehran"], activeOn: "2017-01-01" });
    expect(keys(dayAfter)).not.toContain("tehran/iclei");
  });

  it("activeOn: a membership is not in force before it started; one with an unknown start is", async () => {
    const in2005 = await list({ member: ["tehran"], activeOn: "2005-06-01" });
    // Only those whose start is unknown; the Asian Mayors Forum began in November 2008.
    expect(keys(in2005)).toEqual(["tehran/isocarp", "tehran/metropolis", "tehran/oicc", "tehran/uclg", "tehran/uclg-mewa"]);
    expect(keys(await list({ member: ["tehran"], activeOn: "2008-10-31" }))).not.toContain("tehran/amf");
    expect(keys(await list({ member: ["tehran"], activeOn: "2008-11-01" }))).toContain("tehran/amf");
    const in2021 = await list({ member: ["tehran"], activeOn: "2021-12-31" });
    expect(keys(in2021)).not.toContain("tehran/wego");
    const in2022 = await list({ member: ["tehran"], activeOn: "2022-01-01" });
    expect(keys(in2022)).toContain("tehran/wego");
    expect(in2022.totalCount).toBe(8); // all but ICLEI, lapsed in 2016
  });

  it("filters by provenance: the memberships the report (F14, F15) and public sources state are PARTLY_SOURCED", async () => {
    const partly = await list({ provenance: "PARTLY_SOURCED" });
    expect(keys(partly)).toEqual(seedKeys((m) => m.citations.length > 0));
    expect(keys(partly)).toEqual(expect.arrayContaining(["tehran/isocarp", "tehran/wego", "tehran/metropolis", "tehran/amf"]));
    // No source states a category for any of them.
    expect((await list({ provenance: "SOURCED" })).totalCount).toBe(0);
    const illustrative = await list({ provenance: "ILLUSTRATIVE" });
    expect(illustrative.totalCount).toBe(memberships.length - partly.totalCount);
    expect(keys(illustrative)).toContain("tehran/citynet");
  });

  it("filters by role and category", async () => {
    const secretariat = await list({ role: ["SECRETARIAT"] });
    expect(keys(secretariat)).toEqual(["seoul/citynet", "seoul/wego", "tehran/amf"]);
    const institutional = await list({ category: ["INSTITUTIONAL"] });
    expect(keys(institutional)).toEqual(["tehran/isocarp"]);
  });

  it("a Trip ID given as organisation is a BAD_USER_INPUT error naming the argument", async () => {
    const trip = await server.gql(`{ trips(first: 1) { nodes { id } } }`);
    const res = await server.gql(LIST, { filter: { organisation: [trip.data.trips.nodes[0].id] } });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].extensions?.argumentName).toBe("filter.organisation");
    expect(res.errors![0].message).toMatch(/Trip/);
  });

  it("an Organisation ID given as member is a BAD_USER_INPUT error", async () => {
    const org = await server.gql(`{ organisation(slug: "wego") { id } }`);
    const res = await server.gql(LIST, { filter: { member: [org.data.organisation.id] } });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].extensions?.argumentName).toBe("filter.member");
  });

  it("a malformed activeOn date is rejected", async () => {
    const res = await server.gql(LIST, { filter: { activeOn: "2020-02-30" } });
    expect(res.errors).toBeDefined();
    expect(res.data ?? null).toBeNull();
  });
});

describe("Tehran's named memberships", () => {
  let tehran: Map<string, any>;
  beforeAll(async () => {
    const conn = await list({ member: ["tehran"] });
    tehran = new Map(conn.nodes.map((n: any) => [n.organisation.slug, n]));
  });

  it.each(["wego", "isocarp"])("tehran/%s exists, ACTIVE and PARTLY_SOURCED by the report", (slug) => {
    const m = tehran.get(slug);
    expect(m).toBeDefined();
    expect(m.status).toBe("ACTIVE");
    expect(m.provenance).toBe("PARTLY_SOURCED");
    expect(m.citations.map((c: any) => c.source.kind)).toEqual(["NEWS"]);
  });

  it("cites the facts that state them, for the fields they state", () => {
    expect(tehran.get("wego").citations).toEqual([
      { fact: "F14", fields: ["member", "organisation", "role"], source: { kind: "NEWS" } },
    ]);
    expect(tehran.get("isocarp").citations).toEqual([
      { fact: "F15", fields: ["member", "organisation", "status", "role"], source: { kind: "NEWS" } },
    ]);
    // F11 says Tehran attended Metropolis's assembly, not that it is a member: the atlas and IRIB do.
    expect(tehran.get("metropolis")).toMatchObject({ provenance: "PARTLY_SOURCED", status: "ACTIVE", role: "VICE_PRESIDENT" });
    expect(tehran.get("metropolis").citations).toEqual(
      expect.arrayContaining([{ fact: "F2", fields: ["member", "organisation", "status", "role"], source: { kind: "NEWS" } }]),
    );
  });

  it("tehran/metropolis has the external ID MET-TEH-001", () => {
    const m = tehran.get("metropolis");
    expect(m.externalId).toBe("MET-TEH-001");
    expect(m.externalIds).toEqual([{ scheme: "metropolis-registry", value: "MET-TEH-001" }]);
    expect(tehran.get("wego").externalId).toBeNull();
    expect(tehran.get("wego").externalIds).toEqual([]);
  });

  it("a dated membership has its start in Jalali, with its precision", () => {
    const wego = tehran.get("wego");
    expect(wego.startDate).toBe("2022-01-01");
    expect(wego.startPrecision).toBe("YEAR");
    // 2022 runs from 11 Dey 1400 to 10 Dey 1401: the year's Jalali twin is the two Jalali years, no day.
    expect(wego.startJalali).toEqual({
      precision: "YEAR",
      year: 1400,
      month: null,
      day: null,
      lastYear: 1401,
      lastMonth: null,
      iso: "1400/1401",
      monthName: null,
    });
    // The forum's own page gives November 2008 (MONTH): 11 Aban to 10 Azar 1387, so two Jalali months, no day.
    const amf = tehran.get("amf");
    expect(amf.startDate).toBe("2008-11-01");
    expect(amf.startPrecision).toBe("MONTH");
    expect(amf.startJalali).toMatchObject({
      precision: "MONTH",
      year: 1387,
      month: 8,
      lastMonth: 9,
      day: null,
      iso: "1387-08/1387-09",
    });
  });

  it("an undated membership has no start, no precision and no Jalali date", () => {
    const isocarp = tehran.get("isocarp");
    expect(isocarp.startDate).toBeNull();
    expect(isocarp.startPrecision).toBeNull();
    expect(isocarp.startJalali).toBeNull();
    expect(isocarp.category).toBe("INSTITUTIONAL");
    expect(isocarp.categoryLabel).toBe("Institutional member");
  });

  it("an ended membership has its end date, precision and Jalali end", () => {
    const iclei = tehran.get("iclei");
    expect(iclei.status).toBe("LAPSED");
    expect(iclei.endDate).toBe("2016-12-31");
    expect(iclei.endPrecision).toBe("YEAR");
    // Stored as 31 December 2016 (11 Dey 1395), read as the whole Gregorian year 2016: 1394/1395.
    expect(iclei.endJalali).toEqual({ precision: "YEAR", iso: "1394/1395" });
    expect(tehran.get("wego").endDate).toBeNull();
    expect(tehran.get("wego").endJalali).toBeNull();
  });

  it("resolves by node to the same membership", async () => {
    const m = tehran.get("metropolis");
    const res = await server.gql(
      `query($id: ID!) { node(id: $id) { ... on Membership { externalId member { slug } organisation { slug } } } }`,
      { id: m.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.node).toEqual({
      externalId: "MET-TEH-001",
      member: { slug: "tehran" },
      organisation: { slug: "metropolis" },
    });
  });
});
