/**
 * The as-of promise as a property (fast-check): whatever sequence of writes goes through the API
 * (membership creates, updates and deletes, partner sync batches, trip workflow steps), an answer
 * recorded at some moment is given again, byte for byte, by the same query asked later with
 * `asOfVersion` set to the data version that answer reported. Lists, totals, relations, nodes and
 * the analytics are all in the observed query, so each of them must read as of the moment.
 *
 * Cursors are left out of the observed query on purpose: a cursor names the version it was read at
 * (`trips@412:…`), so the as-of page's cursors differ from the live page's by design.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, startTestServer, type TestServer } from "../support/testServer.js";

const ORGANISATIONS = ["metropolis", "wego", "uclg", "isocarp"] as const;
const CITIES = ["tehran", "istanbul", "seoul", "konya"] as const;
const STATUSES = ["ACTIVE", "APPLIED", "SUSPENDED", "ENDED"] as const;
const ROLES = ["MEMBER", "OBSERVER", "BOARD_MEMBER"] as const;
const PURPOSES = ["SUMMIT", "TRAINING", "EXHIBITION"] as const;
/** Partner sync writes these external ids (a small pool, so batches update earlier batches' rows). */
const EXTERNAL_IDS = ["PROP-1", "PROP-2", "PROP-3"] as const;

const UPSERT = `mutation($input: UpsertMembershipInput!) { upsertMembership(input: $input) { membership { id } userErrors { code } } }`;
const DELETE = `mutation($input: DeleteInput!) { deleteMembership(input: $input) { deletedId userErrors { code } } }`;
const SYNC = `mutation($input: SyncMembershipsInput!) { syncMemberships(input: $input) { memberships { id } userErrors { code } } }`;
const TRIP_PAYLOAD = `trip { id } userErrors { code }`;
const REQUEST = `mutation($input: RequestTripInput!) { requestTrip(input: $input) { ${TRIP_PAYLOAD} } }`;
const DECIDE = `mutation($input: DecideTripInput!) { decideTrip(input: $input) { ${TRIP_PAYLOAD} } }`;
const COMPLETE = `mutation($input: CompleteTripInput!) { completeTrip(input: $input) { ${TRIP_PAYLOAD} } }`;
const CANCEL = `mutation($input: CancelTripInput!) { cancelTrip(input: $input) { ${TRIP_PAYLOAD} } }`;

/** What a reader would ask: lists with totals and relations, records by id, figures and a series. */
const OBSERVED = `query Observed($v: Int, $ids: [ID!]!) {
  memberships(first: 100, filter: { organisation: ["metropolis", "wego", "uclg", "isocarp"] }, asOfVersion: $v) {
    totalCount
    nodes { id status role version externalId updatedAt member { slug name { fa en } } organisation { slug memberships(first: 3) { totalCount nodes { id status } } } }
  }
  trips(first: 30, orderBy: { field: UPDATED_AT, direction: DESC }, filter: { period: { from: "2030-01-01", to: "2030-12-31" } }, asOfVersion: $v) {
    totalCount
    nodes { id code status version purpose startDate endDate destinations { slug } delegates { role } decision { outcome decidedOn } }
  }
  nodes(ids: $ids, asOfVersion: $v) {
    id
    ... on Membership { status version member { slug } }
    ... on Trip { tripStatus: status version organisations { slug } }
  }
  organisation(slug: "metropolis", asOfVersion: $v) { memberships(first: 50) { totalCount nodes { id externalId status } } }
  footprint(period: { from: "2030-01-01", to: "2030-12-31" }, asOfVersion: $v) {
    tripsRequested tripsApproved tripsRejected tripsCompleted tripsCancelled participants rejectionRate countriesVisited { country { code } trips }
  }
  series(metric: TRIPS_REQUESTED, groupBy: MONTH, period: { from: "2030-01-01", to: "2030-12-31" }, asOfVersion: $v) { key value }
}`;

type Action =
  | { kind: "createMembership"; organisation: string; member: string; status: string; role: string }
  | { kind: "updateMembership"; pick: number; status: string; role: string }
  | { kind: "deleteMembership"; pick: number }
  | { kind: "sync"; items: { externalId: string; member: string; status: string }[] }
  | { kind: "requestTrip"; purpose: string; month: number; destination: string; delegates: number }
  | { kind: "decideTrip"; pick: number; approve: boolean }
  | { kind: "finishTrip"; pick: number; complete: boolean };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant("createMembership" as const),
    organisation: fc.constantFrom(...ORGANISATIONS),
    member: fc.constantFrom(...CITIES),
    status: fc.constantFrom(...STATUSES),
    role: fc.constantFrom(...ROLES),
  }),
  fc.record({
    kind: fc.constant("updateMembership" as const),
    pick: fc.nat(),
    status: fc.constantFrom(...STATUSES),
    role: fc.constantFrom(...ROLES),
  }),
  fc.record({ kind: fc.constant("deleteMembership" as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant("sync" as const),
    items: fc.uniqueArray(
      fc.record({
        externalId: fc.constantFrom(...EXTERNAL_IDS),
        member: fc.constantFrom(...CITIES),
        status: fc.constantFrom(...STATUSES),
      }),
      { minLength: 1, maxLength: 3, selector: (item) => item.externalId },
    ),
  }),
  fc.record({
    kind: fc.constant("requestTrip" as const),
    purpose: fc.constantFrom(...PURPOSES),
    month: fc.integer({ min: 1, max: 12 }),
    destination: fc.constantFrom(...CITIES.slice(1)),
    delegates: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ kind: fc.constant("decideTrip" as const), pick: fc.nat(), approve: fc.boolean() }),
  fc.record({ kind: fc.constant("finishTrip" as const), pick: fc.nat(), complete: fc.boolean() }),
);

interface Recorded {
  version: number;
  ids: string[];
  answer: string;
}

describe("as-of answers reproduce every recorded answer (property)", () => {
  let server: TestServer;
  let editor: string;
  let partner: string;
  /** Every membership and trip created so far, in order (deleted ones stay: asking for them is part of the property). */
  const memberships: { id: string; organisation: string; member: string }[] = [];
  const trips: { id: string; status: "REQUESTED" | "APPROVED" | "DONE" }[] = [];
  let tripNumber = 0;
  /** Writes the API applied (no user errors), so the property is known to have been exercised by writes, not refusals. */
  let applied = 0;

  beforeAll(async () => {
    server = await startTestServer();
    editor = await server.createKey("EDITOR");
    partner = await server.createKey("PARTNER", { organisation: "metropolis", name: "Metropolis registry" });
  }, 60_000);
  afterAll(() => server?.close());

  async function write(query: string, input: Record<string, unknown>, key = editor) {
    const res = await server.gql(query, { input }, bearer(key));
    expect(res.errors).toBeUndefined();
    const payload = Object.values(res.data as Record<string, any>)[0];
    if (payload.userErrors.length === 0) applied++;
    return payload;
  }

  const picked = <T>(list: T[], pick: number): T | undefined => (list.length === 0 ? undefined : list[pick % list.length]);

  /** Applies one action through the API. Some are refused (a stale pick, a wrong step): a refusal writes nothing, which the property covers too. */
  async function apply(a: Action): Promise<void> {
    switch (a.kind) {
      case "createMembership": {
        const { organisation, member, status, role } = a;
        const payload = await write(UPSERT, { organisation, member, status, role });
        if (payload.membership) memberships.push({ id: payload.membership.id, organisation, member });
        return;
      }
      case "updateMembership": {
        const m = picked(memberships, a.pick);
        if (m) await write(UPSERT, { ...m, status: a.status, role: a.role });
        return;
      }
      case "deleteMembership": {
        const m = picked(memberships, a.pick);
        if (m) await write(DELETE, { id: m.id });
        return;
      }
      case "sync": {
        const items = a.items.map((item) => ({ ...item, organisation: "metropolis" }));
        const payload = await write(SYNC, { source: "metropolis-registry", memberships: items }, partner);
        (payload.memberships ?? []).forEach((m: { id: string }, i: number) => {
          if (!memberships.some((known) => known.id === m.id))
            memberships.push({ id: m.id, organisation: "metropolis", member: items[i].member });
        });
        return;
      }
      case "requestTrip": {
        tripNumber++;
        const month = String(a.month).padStart(2, "0");
        const payload = await write(REQUEST, {
          titleEn: `Property trip ${tripNumber}`,
          purpose: a.purpose,
          requestingUnit: "مرکز ارتباطات و امور بین‌الملل",
          requestedOn: "2029-12-01",
          startDate: `2030-${month}-10`,
          endDate: `2030-${month}-14`,
          destinations: [a.destination],
          organisations: ["metropolis"],
          delegates: Array.from({ length: a.delegates }, (_, i) => ({ position: "کارشناس", role: i === 0 ? "HEAD" : "MEMBER" })),
        });
        if (payload.trip) trips.push({ id: payload.trip.id, status: "REQUESTED" });
        return;
      }
      case "decideTrip": {
        const trip = picked(trips, a.pick);
        if (!trip) return;
        const payload = await write(DECIDE, {
          id: trip.id,
          outcome: a.approve ? "APPROVED" : "REJECTED",
          decidedOn: "2029-12-20",
          reason: a.approve ? null : "No budget",
        });
        if (payload.trip && trip.status === "REQUESTED") trip.status = a.approve ? "APPROVED" : "DONE";
        return;
      }
      case "finishTrip": {
        const trip = picked(trips, a.pick);
        if (!trip) return;
        const payload = await write(a.complete ? COMPLETE : CANCEL, { id: trip.id });
        if (payload.trip) trip.status = "DONE";
        return;
      }
    }
  }

  async function observe(version: number | null, ids: string[]) {
    const res = await server.gql(OBSERVED, { v: version, ids });
    expect(res.errors).toBeUndefined();
    return { version: res.extensions.dataVersion as number, answer: JSON.stringify(res.data) };
  }

  it("for random sequences of writes, asOfVersion of each recorded moment answers as that moment did", async () => {
    let moments = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 4, maxLength: 10 }), async (actions) => {
        const recorded: Recorded[] = [];
        for (const a of actions) {
          await apply(a);
          const ids = [...memberships.map((m) => m.id), ...trips.map((t) => t.id)];
          const live = await observe(null, ids);
          recorded.push({ ...live, ids });
        }
        for (const { version, ids, answer } of recorded) {
          const past = await observe(version, ids);
          expect(past.version).toBe(version);
          expect(past.answer).toBe(answer);
        }
        moments += recorded.length;
      }),
      { numRuns: 8, interruptAfterTimeLimit: 150_000 },
    );
    // The property must have been exercised, and over writes of every kind.
    expect(moments).toBeGreaterThanOrEqual(32);
    expect(applied).toBeGreaterThanOrEqual(12);
    expect(memberships.length).toBeGreaterThan(0);
    expect(trips.length).toBeGreaterThan(0);
  }, 240_000);
});
