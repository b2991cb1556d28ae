import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodes, startTestServer, type TestServer } from "./support/testServer.js";
import { exampleOperation } from "../examples/operations/index.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const P = "{ jalaliYear: 1401, jalaliMonthFrom: 6, jalaliMonthTo: 12 }";

async function allTrips(filter: string, fields = "code status startDate delegationSize") {
  const out: any[] = [];
  let after: string | null = null;
  for (;;) {
    const res: any = await server.gql(
      `query($after: String) { trips(first: 100, after: $after, filter: ${filter}) { pageInfo { hasNextPage endCursor } nodes { ${fields} } } }`,
      { after },
    );
    expect(res.errors).toBeUndefined();
    out.push(...res.data.trips.nodes);
    if (!res.data.trips.pageInfo.hasNextPage) return out;
    after = res.data.trips.pageInfo.endCursor;
  }
}

describe("trips: the researcher's query", () => {
  it("runs as written in examples/operations/researcher-trips.graphql and follows its cursor", async () => {
    const query = exampleOperation("researcher-trips");
    const first = await server.gql(query, { after: null });
    expect(first.errors).toBeUndefined();
    const trips = first.data.trips;
    expect(trips.totalCount).toBeGreaterThan(0);
    for (const edge of trips.edges) {
      expect(edge.node.destinations.some((d: any) => d.country.code === "IQ")).toBe(true);
      expect(edge.node.startJalali.iso.startsWith("1401-")).toBe(true);
      expect(edge.node.delegationSize).toBe(edge.node.delegates.length);
      expect(edge.node.sources.length).toBeGreaterThan(0);
    }
    const dates = trips.edges.map((e: any) => e.node.startDate);
    expect([...dates].sort().reverse()).toEqual(dates);
    if (trips.pageInfo.endCursor) {
      const next = await server.gql(query, { after: trips.pageInfo.endCursor });
      expect(next.errors).toBeUndefined();
      expect(next.data.trips.edges).toHaveLength(Math.max(0, trips.totalCount - trips.edges.length));
    }
  });
});

describe("trips: filters", () => {
  it("status and Jalali period select the report's 31 completed trips and 127 participants", async () => {
    const trips = await allTrips(`{ status: [COMPLETED], period: ${P} }`);
    expect(trips).toHaveLength(31);
    expect(trips.reduce((n, t) => n + t.delegationSize, 0)).toBe(127);
    for (const t of trips) expect(t.startDate >= "2022-08-23" && t.startDate <= "2023-03-20").toBe(true);
  });

  it("the same period given as dates selects the same trips", async () => {
    const jalali = await allTrips(`{ period: ${P} }`);
    const dates = await allTrips(`{ period: { from: "2022-08-23", to: "2023-03-20" } }`);
    expect(dates.map((t) => t.code).sort()).toEqual(jalali.map((t) => t.code).sort());
  });

  it("a Jalali month that crosses the Gregorian new year (Dey 1401)", async () => {
    const dey = await allTrips(`{ period: { jalaliYear: 1401, jalaliMonthFrom: 10, jalaliMonthTo: 10 } }`);
    expect(dey.length).toBeGreaterThan(0);
    for (const t of dey) expect(t.startDate >= "2022-12-22" && t.startDate <= "2023-01-20").toBe(true);
    expect(dey.some((t) => t.startDate.startsWith("2022-"))).toBe(true);
    expect(dey.some((t) => t.startDate.startsWith("2023-"))).toBe(true);
  });

  it("countries: trips with a destination in any of the countries", async () => {
    const trips = await allTrips(`{ countries: ["TJ", "JO"] }`, "code destinations { country { code } }");
    expect(trips.length).toBeGreaterThan(0);
    for (const t of trips) expect(t.destinations.some((d: any) => ["TJ", "JO"].includes(d.country.code))).toBe(true);
  });

  it("headedByMayor: the mayor's two trips in the period, to Tajikistan and Iraq (F5); his later ones are outside it", async () => {
    const trips = await allTrips(
      `{ headedByMayor: true, period: { from: "2022-08-23", to: "2023-03-20" } }`,
      "code status countries { code } delegates { name { en } role }",
    );
    expect(trips).toHaveLength(2);
    const all = await allTrips(`{ headedByMayor: true }`, "code countries { code }");
    expect(all.flatMap((t) => t.countries.map((c: any) => c.code)).sort()).toEqual(["BE", "CN", "IQ", "SY", "TJ"]);
    expect(trips.map((t) => t.countries.map((c: any) => c.code).join()).sort()).toEqual(["IQ", "TJ"]);
    for (const t of trips) {
      expect(t.status).toBe("COMPLETED");
      expect(t.delegates.find((d: any) => d.role === "HEAD").name.en).toMatch(/Zakani/);
    }
  });

  it("delegates read the columns their selection needs: through fragments, and apart for two selections of one trip", async () => {
    const every = "name { en fa } position positionText { en fa } unit unitText { en fa } role";
    const direct: any = await server.gql(
      `{ trips(first: 20, filter: { headedByMayor: true }) { nodes { delegates { ${every} } } } }`,
    );
    const split: any = await server.gql(`
      fragment Names on Delegate { name { en fa } ... on Delegate { position positionText { en fa } } }
      {
        trips(first: 20, filter: { headedByMayor: true }) {
          nodes { roles: delegates { role } delegates { ...Names ... { unit unitText { en fa } } role } }
        }
      }`);
    expect(direct.errors).toBeUndefined();
    expect(split.errors).toBeUndefined();
    const trips = direct.data.trips.nodes;
    expect(trips.length).toBeGreaterThan(0);
    expect(trips.some((t: any) => t.delegates.some((d: any) => d.name?.en && d.positionText.en))).toBe(true);
    expect(split.data.trips.nodes.map((t: any) => t.delegates)).toEqual(trips.map((t: any) => t.delegates));
    expect(split.data.trips.nodes.map((t: any) => t.roles)).toEqual(
      trips.map((t: any) => t.delegates.map((d: any) => ({ role: d.role }))),
    );
  });

  it("purpose, organisation and destination filters combine", async () => {
    const summits = await allTrips(`{ purpose: [SUMMIT] }`, "purpose");
    expect(summits.length).toBeGreaterThan(0);
    expect(new Set(summits.map((t) => t.purpose))).toEqual(new Set(["SUMMIT"]));
    const metropolis = await allTrips(`{ organisation: ["metropolis"], status: [COMPLETED] }`, "organisations { slug } status");
    expect(metropolis.length).toBeGreaterThan(0);
    for (const t of metropolis) expect(t.organisations.map((o: any) => o.slug)).toContain("metropolis");
    const najaf = await allTrips(`{ destinations: ["najaf"] }`, "destinations { slug }");
    expect(najaf.length).toBeGreaterThan(0);
    for (const t of najaf) expect(t.destinations.map((d: any) => d.slug)).toContain("najaf");
  });

  it("committee decisions: rejected trips carry a reason, requested ones no decision", async () => {
    const rejected = await allTrips(`{ status: [REJECTED] }`, "decision { outcome decidedOn reason }");
    expect(rejected.length).toBeGreaterThan(0);
    for (const t of rejected) {
      expect(t.decision.outcome).toBe("REJECTED");
      expect(t.decision.reason).toBeTruthy();
    }
    const requested = await allTrips(`{ status: [REQUESTED] }`, "decision { outcome }");
    expect(requested.length).toBeGreaterThan(0);
    for (const t of requested) expect(t.decision).toBeNull();
  });

  it("money is exact in minor units and scaled by the currency's exponent", async () => {
    const trips = await allTrips(`{ status: [COMPLETED] }`, "cost { amount currency minorUnits }");
    const costs = trips.map((t) => t.cost).filter(Boolean);
    expect(costs.length).toBeGreaterThan(0);
    for (const c of costs) {
      const exponent = c.currency === "IRR" ? 0 : 2;
      expect(c.amount).toBeCloseTo(c.minorUnits / 10 ** exponent, 6);
    }
  });
});

describe("trips: ordering and pagination", () => {
  it("orderBy is honoured with explicit directions, ties broken stably", async () => {
    const res = await server.gql(
      `{ trips(first: 100, orderBy: [{ field: DELEGATION_SIZE, direction: DESC }, { field: START_DATE, direction: ASC }]) { nodes { delegationSize startDate } } }`,
    );
    const nodes = res.data.trips.nodes;
    for (let i = 1; i < nodes.length; i++) {
      const [a, b] = [nodes[i - 1], nodes[i]];
      expect(a.delegationSize > b.delegationSize || (a.delegationSize === b.delegationSize && a.startDate <= b.startDate)).toBe(
        true,
      );
    }
  });

  it("pages forwards and backwards over the same items", async () => {
    const all = (await server.gql(`{ trips(first: 100) { totalCount nodes { code } } }`)).data.trips;
    expect(all.nodes).toHaveLength(all.totalCount);
    const forward: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: any = await server.gql(
        `query($after: String) { trips(first: 7, after: $after) { pageInfo { hasNextPage hasPreviousPage endCursor } nodes { code } } }`,
        { after },
      );
      forward.push(...res.data.trips.nodes.map((n: any) => n.code));
      expect(res.data.trips.pageInfo.hasPreviousPage).toBe(after !== null);
      pages++;
      if (!res.data.trips.pageInfo.hasNextPage) break;
      after = res.data.trips.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(all.totalCount / 7));
    expect(forward).toEqual(all.nodes.map((n: any) => n.code));

    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const res: any = await server.gql(
        `query($before: String) { trips(last: 9, before: $before) { pageInfo { hasPreviousPage startCursor } nodes { code } } }`,
        { before },
      );
      backward.unshift(...res.data.trips.nodes.map((n: any) => n.code));
      if (!res.data.trips.pageInfo.hasPreviousPage) break;
      before = res.data.trips.pageInfo.startCursor;
    }
    expect(backward).toEqual(forward);
  });

  it("a cursor stays valid when rows before and after it change", async () => {
    const page1 = (
      await server.gql(
        `{ trips(first: 5, orderBy: [{ field: CODE, direction: ASC }]) { pageInfo { endCursor } nodes { code } } }`,
      )
    ).data.trips;
    const cursorCode = page1.nodes[4].code;
    const later = (
      await server.gql(`{ trips(first: 100, orderBy: [{ field: CODE, direction: ASC }]) { nodes { code } } }`)
    ).data.trips.nodes
      .map((n: any) => n.code)
      .filter((c: string) => c > cursorCode);
    const expectedNext = later.slice(0, 5);
    const farCode = later[later.length - 1]; // a row well after the next page
    expect(later.length).toBeGreaterThan(10);
    const page2 = async () => {
      const res = await server.gql(
        `query($after: String) { trips(first: 5, after: $after, orderBy: [{ field: CODE, direction: ASC }]) { nodes { code } } }`,
        { after: page1.pageInfo.endCursor },
      );
      expect(res.errors).toBeUndefined();
      return res.data.trips.nodes.map((n: any) => n.code);
    };
    // Rows move by changing their sort key (no delete and re-insert, which the rows referring to
    // a trip would forbid). The cursor's row leaves its place for the end of the list: paging by
    // offset would now skip a row, and paging from the cursor row's current key would find nothing.
    await server.exec("UPDATE trips SET code = ? WHERE code = ?", "ZZZZ-MOVED", cursorCode);
    try {
      expect(await page2()).toEqual(expectedNext);
      // And a row appears before the cursor.
      await server.exec("UPDATE trips SET code = ? WHERE code = ?", "0000-FIRST", farCode);
      expect(await page2()).toEqual(expectedNext);
    } finally {
      await server.exec("UPDATE trips SET code = ? WHERE code = ?", farCode, "0000-FIRST");
      await server.exec("UPDATE trips SET code = ? WHERE code = ?", cursorCode, "ZZZZ-MOVED");
    }
    expect(await page2()).toEqual(expectedNext);
  });

  it("rejects bad paging arguments with BAD_USER_INPUT", async () => {
    for (const args of [
      "first: 0",
      "first: 101",
      "last: -1",
      "first: 5, last: 5",
      'after: "not-a-cursor"',
      'before: "eyJ4Ijox"',
    ]) {
      const res = await server.gql(`{ trips(${args}) { totalCount } }`);
      expect(errorCodes(res), args).toEqual(["BAD_USER_INPUT"]);
      expect(res.data).toBeNull();
    }
  });

  it("a cursor from another ordering is refused with a message that says so", async () => {
    const page = (await server.gql(`{ trips(first: 2) { pageInfo { endCursor } } }`)).data.trips;
    const res = await server.gql(
      `query($after: String) { trips(first: 2, after: $after, orderBy: [{ field: CODE, direction: ASC }]) { totalCount } }`,
      { after: page.pageInfo.endCursor },
    );
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors?.[0]?.message).toMatch(/another ordering/);
  });

  it("rejects a wrong-type ID in a filter and an invalid period", async () => {
    const tripId = (await server.gql(`{ trips(first: 1) { nodes { id } } }`)).data.trips.nodes[0].id;
    const wrongType = await server.gql(`query($id: String!) { trips(filter: { destinations: [$id] }) { totalCount } }`, {
      id: tripId,
    });
    expect(errorCodes(wrongType)).toEqual(["BAD_USER_INPUT"]);
    const mixed = await server.gql(`{ trips(filter: { period: { from: "2022-01-01", jalaliYear: 1401 } }) { totalCount } }`);
    expect(errorCodes(mixed)).toEqual(["BAD_USER_INPUT"]);
    const inverted = await server.gql(`{ trips(filter: { period: { from: "2023-01-01", to: "2022-01-01" } }) { totalCount } }`);
    expect(errorCodes(inverted)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("trips: no N+1", () => {
  // Within one Jalali year, so that both pages meet the same organisations: on the whole table the
  // 100-row page can find an event's organiser already in the DataLoader cache (from invitedBy) and
  // run one statement fewer than the 10-row page, which is batching, not N+1, and not what this
  // test measures.
  const query = (n: number) => `{ trips(first: ${n}, filter: { period: { jalaliYear: 1401 } }) { totalCount nodes {
    code destinations { slug country { code } } countries { code } delegates { position role }
    events { name { en } organiser { slug } } organisations { slug } invitedBy { slug } sources { title locator }
    startJalali { iso monthName } } } }`;

  it("trips(first: 10) and trips(first: 100) run the same number of statements", async () => {
    let rows = 0;
    const small = await server.countStatements(async () => {
      const res = await server.gql(query(10));
      expect(res.errors).toBeUndefined();
      expect(res.data.trips.nodes).toHaveLength(10);
    });
    const large = await server.countStatements(async () => {
      const res = await server.gql(query(100));
      expect(res.errors).toBeUndefined();
      rows = res.data.trips.nodes.length;
    });
    expect(rows).toBeGreaterThan(50);
    expect(small).toBeGreaterThan(3);
    expect(large).toBe(small);
  });

  it("nested connections under a list batch too", async () => {
    const nested = (n: number) =>
      `{ organisations(first: ${n}) { nodes { slug memberships(first: 3) { totalCount nodes { member { slug } } } trips(first: 2) { totalCount nodes { code } } } } }`;
    const two = await server.countStatements(() => server.gql(nested(2)));
    const ten = await server.countStatements(() => server.gql(nested(10)));
    expect(ten).toBe(two);
  });
});
