import { describe, it, expect } from "vitest";
import { dataset } from "../seeds/dataset/index.js";
import type { SeedTrip } from "../seeds/dataset/types.js";
import { recordProvenance } from "../seeds/provenance.js";

/**
 * Checks the seed dataset object itself (no database): the figures seeds/sources/tehran-press-47801.md says the records must
 * reproduce, and referential integrity.
 */

const P_FROM = "2022-08-23"; // 1 Shahrivar 1401
const P_TO = "2023-03-20"; // 29 Esfand 1401
const inP = (date: string): boolean => date >= P_FROM && date <= P_TO;

const F6_COUNTRIES = ["IQ", "ES", "TR", "AE", "KR", "RU", "TJ", "IN", "JP", "MY", "ID", "QA", "JO", "DE"];

const { cities, organisations, memberships, events, trips, attendances, partnerships, reportedFigures } = dataset;
const cityBySlug = new Map(cities.map((c) => [c.slug, c]));
const citySlugs = new Set(cities.map((c) => c.slug));
const orgSlugs = new Set(organisations.map((o) => o.slug));
const membershipKeys = new Set(memberships.map((m) => m.key));
const eventKeys = new Set(events.map((e) => e.key));
const tripKeys = new Set(trips.map((t) => t.key));

const tehranTripsInP = trips.filter((t) => t.city === "tehran" && inP(t.startDate));
const completedInP = tehranTripsInP.filter((t) => t.status === "COMPLETED");
const countriesOf = (t: SeedTrip): string[] => t.destinations.map((d) => cityBySlug.get(d)?.country ?? "??");

function isIsoDate(s: string | undefined): boolean {
  if (s === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const v of values) (seen.has(v) ? dups : seen).add(v);
  return [...dups];
}

describe("seed dataset: figures of the report", () => {
  it("has 31 completed trips in Shahrivar..Esfand 1401 with 127 participants (F1)", () => {
    expect(completedInP).toHaveLength(31);
    expect(completedInP.reduce((n, t) => n + t.delegates.length, 0)).toBe(127);
  });

  it("rejects 28% of decided requests and leaves 26% of approved trips undone (F4)", () => {
    const decided = tehranTripsInP.filter((t) => t.decision !== undefined);
    const rejected = decided.filter((t) => t.status === "REJECTED").length;
    const approved = decided.filter((t) => ["COMPLETED", "CANCELLED", "APPROVED"].includes(t.status)).length;
    const cancelled = decided.filter((t) => t.status === "CANCELLED").length;
    expect(rejected + approved).toBe(decided.length);
    expect(Math.abs(rejected / decided.length - 0.28)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(cancelled / approved - 0.26)).toBeLessThanOrEqual(0.005);
    // The exact split the dataset was built to: 31 + 11 + 0 approved, 16 rejected.
    expect({ rejected, approved, cancelled }).toEqual({ rejected: 16, approved: 42, cancelled: 11 });
    expect(tehranTripsInP.filter((t) => t.status === "APPROVED")).toHaveLength(0);
  });

  it("went to exactly the 14 countries of F6", () => {
    const countries = new Set(completedInP.flatMap(countriesOf));
    expect([...countries].sort()).toEqual([...F6_COUNTRIES].sort());
    // Turkey before the February 2023 earthquake.
    const turkey = completedInP.filter((t) => countriesOf(t).includes("TR"));
    expect(turkey.length).toBeGreaterThan(0);
    for (const t of turkey) expect(t.startDate < "2023-02-06").toBe(true);
  });

  it("has exactly two trips headed by the mayor in the period, to Tajikistan and Iraq (F5); the others are outside it", () => {
    const mayor = trips.filter((t) => t.headedByMayor && t.city === "tehran" && inP(t.startDate));
    expect(mayor).toHaveLength(2);
    // The mayor's trips public sources report (Brussels 2023, Damascus 2024, Xi'an 2025) lie outside the period.
    const outside = trips.filter((t) => t.headedByMayor && !inP(t.startDate));
    for (const t of outside)
      expect(
        t.citations.some((c) => c.source !== "tehran-press-47801"),
        t.key,
      ).toBe(true);
    for (const t of mayor) {
      expect(t.status).toBe("COMPLETED");
      // F5 states the country and that the mayor headed it; nothing more.
      expect(recordProvenance("Trip", t)).toMatchObject({ status: "PARTLY_SOURCED", sourced: ["countries", "headedByMayor"] });
      expect(t.delegates.filter((d) => d.role === "HEAD")).toHaveLength(1);
    }
    expect(mayor.map((t) => t.destinations.join(",")).sort()).toEqual(["baghdad", "dushanbe"]);
    expect(mayor.flatMap(countriesOf).sort()).toEqual(["IQ", "TJ"]);
  });

  it("attended 13 events online in the period (F10)", () => {
    const online = attendances.filter((a) => {
      const e = events.find((ev) => ev.key === a.event);
      return a.city === "tehran" && a.mode === "ONLINE" && e !== undefined && inP(e.startDate);
    });
    expect(online).toHaveLength(13);
    for (const a of online) {
      const e = events.find((ev) => ev.key === a.event)!;
      expect(["ONLINE", "HYBRID"]).toContain(e.format);
      expect(["SUMMIT", "CONFERENCE", "CONGRESS"]).toContain(e.kind);
      expect(e.organiser !== undefined && orgSlugs.has(e.organiser)).toBe(true);
      expect(a.trip).toBeUndefined();
      expect(a.shapedBy).toContain("F10");
    }
  });

  it("attended the Metropolis assembly in person in Shahrivar 1401 (F11)", () => {
    const assembly = events.filter(
      (e) =>
        e.organiser === "metropolis" &&
        e.kind === "GENERAL_ASSEMBLY" &&
        e.startDate >= "2022-08-23" &&
        e.startDate <= "2022-09-22",
    );
    expect(assembly).toHaveLength(1);
    const att = attendances.filter((a) => a.city === "tehran" && a.event === assembly[0].key && a.mode === "IN_PERSON");
    expect(att).toHaveLength(1);
    expect(att[0].membership).toBe("tehran-metropolis");
    const trip = trips.find((t) => t.key === att[0].trip);
    expect(trip?.status).toBe("COMPLETED");
    expect(trip && inP(trip.startDate)).toBe(true);
  });

  it("went to the Najaf exhibition after the Turkey earthquake, invited by the governorate (F12)", () => {
    const najaf = completedInP.filter((t) => t.purpose === "EXHIBITION" && t.destinations.includes("najaf"));
    expect(najaf).toHaveLength(1);
    expect(najaf[0].invitedBy).toBe("najaf-governorate");
    expect(najaf[0].startDate >= "2023-02-06").toBe(true);
    expect(najaf[0].citations).toEqual([{ source: "tehran-press-47801", fact: "F12", fields: ["invitedBy"] }]);
  });

  it("monitors 9 organisations, among them Metropolis, WeGO and ISOCARP (F13)", () => {
    const monitored = organisations.filter((o) => o.monitored).map((o) => o.slug);
    expect(monitored).toHaveLength(9);
    expect(monitored).toEqual(expect.arrayContaining(["metropolis", "wego", "isocarp"]));
  });

  it("has Tehran's memberships of WeGO (this term), ISOCARP (continuing) and Metropolis", () => {
    const m = (org: string) => memberships.find((x) => x.member === "tehran" && x.organisation === org);
    expect(m("wego")?.status).toBe("ACTIVE");
    expect(m("wego")!.startDate! >= "2021-08-01").toBe(true);
    expect(m("isocarp")?.status).toBe("ACTIVE");
    expect(m("metropolis")?.status).toBe("ACTIVE");
  });
});

describe("seed dataset: integrity", () => {
  it("has unique slugs, keys and trip codes", () => {
    expect(duplicates(cities.map((c) => c.slug))).toEqual([]);
    expect(duplicates(organisations.map((o) => o.slug))).toEqual([]);
    expect(duplicates(memberships.map((m) => m.key))).toEqual([]);
    expect(duplicates(events.map((e) => e.key))).toEqual([]);
    expect(duplicates(trips.map((t) => t.key))).toEqual([]);
    expect(duplicates(trips.map((t) => t.code))).toEqual([]);
    expect(duplicates(attendances.map((a) => a.key))).toEqual([]);
    expect(duplicates(partnerships.map((p) => p.key))).toEqual([]);
    expect(duplicates(reportedFigures.map((r) => r.key))).toEqual([]);
  });

  it("resolves every reference", () => {
    const missing: string[] = [];
    const need = (ok: boolean, what: string) => ok || missing.push(what);
    for (const o of organisations) if (o.headquarters) need(citySlugs.has(o.headquarters), `org ${o.slug} hq ${o.headquarters}`);
    for (const m of memberships) {
      need(citySlugs.has(m.member), `membership ${m.key} member`);
      need(orgSlugs.has(m.organisation), `membership ${m.key} organisation`);
      if (m.via) need(orgSlugs.has(m.via), `membership ${m.key} via`);
    }
    for (const e of events) {
      if (e.organiser) need(orgSlugs.has(e.organiser), `event ${e.key} organiser`);
      if (e.host) need(citySlugs.has(e.host), `event ${e.key} host`);
    }
    for (const t of trips) {
      need(citySlugs.has(t.city), `trip ${t.key} city`);
      for (const d of t.destinations) need(citySlugs.has(d), `trip ${t.key} destination ${d}`);
      for (const e of t.events) need(eventKeys.has(e), `trip ${t.key} event ${e}`);
      for (const o of t.organisations) need(orgSlugs.has(o), `trip ${t.key} organisation ${o}`);
      if (t.invitedBy) need(orgSlugs.has(t.invitedBy), `trip ${t.key} invitedBy`);
    }
    for (const a of attendances) {
      need(citySlugs.has(a.city), `attendance ${a.key} city`);
      need(eventKeys.has(a.event), `attendance ${a.key} event`);
      if (a.trip) need(tripKeys.has(a.trip), `attendance ${a.key} trip`);
      if (a.membership) need(membershipKeys.has(a.membership), `attendance ${a.key} membership`);
    }
    for (const p of partnerships) {
      need(citySlugs.has(p.city), `partnership ${p.key} city`);
      need(citySlugs.has(p.partner), `partnership ${p.key} partner`);
    }
    for (const r of reportedFigures) need(citySlugs.has(r.city), `figure ${r.key} city`);
    expect(missing).toEqual([]);
  });

  it("ties attendances to consistent trips and memberships", () => {
    for (const a of attendances) {
      if (a.trip) {
        expect(a.mode).toBe("IN_PERSON");
        const t = trips.find((x) => x.key === a.trip)!;
        expect(t.city).toBe(a.city);
        expect(t.events).toContain(a.event);
      }
      if (a.membership) expect(memberships.find((m) => m.key === a.membership)!.member).toBe(a.city);
    }
  });

  it("has valid ISO dates, ordered", () => {
    const bad: string[] = [];
    const check = (s: string | undefined, what: string) => isIsoDate(s) || bad.push(`${what}: ${s}`);
    for (const m of memberships) {
      if (m.startDate !== undefined) check(m.startDate, `membership ${m.key} start`);
      if (m.endDate !== undefined) check(m.endDate, `membership ${m.key} end`);
      if (m.startDate && m.endDate && m.endDate < m.startDate) bad.push(`membership ${m.key} ends before it starts`);
    }
    for (const e of events) {
      check(e.startDate, `event ${e.key} start`);
      if (e.endDate !== undefined) {
        check(e.endDate, `event ${e.key} end`);
        if (e.endDate < e.startDate) bad.push(`event ${e.key} ends before it starts`);
      }
    }
    for (const t of trips) {
      check(t.requestedOn, `trip ${t.key} requestedOn`);
      check(t.startDate, `trip ${t.key} start`);
      check(t.endDate, `trip ${t.key} end`);
      if (t.endDate < t.startDate) bad.push(`trip ${t.key} ends before it starts`);
      if (t.requestedOn > t.startDate) bad.push(`trip ${t.key} requested after it starts`);
      if (t.decision) check(t.decision.decidedOn, `trip ${t.key} decidedOn`);
      if (t.reportSubmittedOn !== undefined) {
        check(t.reportSubmittedOn, `trip ${t.key} report`);
        if (t.reportSubmittedOn < t.endDate) bad.push(`trip ${t.key} report before return`);
      }
    }
    for (const p of partnerships) if (p.signedOn !== undefined) check(p.signedOn, `partnership ${p.key} signedOn`);
    for (const r of reportedFigures) {
      check(r.periodFrom, `figure ${r.key} from`);
      check(r.periodTo, `figure ${r.key} to`);
      if (r.periodTo < r.periodFrom) bad.push(`figure ${r.key} period reversed`);
    }
    expect(bad).toEqual([]);
  });

  it("has decisions consistent with trip status", () => {
    for (const t of trips) {
      if (t.status === "REQUESTED") {
        expect(t.decision, t.key).toBeUndefined();
        continue;
      }
      expect(t.decision, t.key).toBeDefined();
      const d = t.decision!;
      expect(d.outcome, t.key).toBe(t.status === "REJECTED" ? "REJECTED" : "APPROVED");
      expect(d.decidedOn >= t.requestedOn, t.key).toBe(true);
      expect(d.decidedOn <= t.startDate, t.key).toBe(true);
      if (t.status === "REJECTED") expect(d.reason, t.key).toBeTruthy();
    }
  });

  it("has one head per delegation and at least one delegate", () => {
    for (const t of trips) {
      expect(t.delegates.length, t.key).toBeGreaterThan(0);
      expect(
        t.delegates.filter((d) => d.role === "HEAD"),
        t.key,
      ).toHaveLength(1);
      // Names only for the mayor (public official).
      for (const d of t.delegates) if (d.nameFa || d.nameEn) expect(t.headedByMayor && d.role === "HEAD", t.key).toBe(true);
    }
  });

  it("has valid cities", () => {
    for (const c of cities) {
      expect(c.country, c.slug).toMatch(/^[A-Z]{2}$/);
      expect(Math.abs(c.latitude), c.slug).toBeLessThanOrEqual(90);
      expect(Math.abs(c.longitude), c.slug).toBeLessThanOrEqual(180);
    }
    expect(cityBySlug.get("tehran")?.country).toBe("IR");
  });

  it("writes Persian with Persian letters (ی and ک, not Arabic ي and ك)", () => {
    const fa: string[] = [
      ...cities.map((c) => c.nameFa),
      ...organisations.map((o) => o.nameFa),
      ...events.map((e) => e.nameFa),
      ...trips.flatMap((t) => [
        t.titleFa,
        t.requestingUnit,
        t.decision?.reason ?? "",
        ...t.delegates.flatMap((d) => [d.position, d.unit ?? "", d.nameFa ?? ""]),
      ]),
    ];
    expect(fa.filter((s) => /[\u064A\u0643]/.test(s))).toEqual([]);
  });

  it("cites facts by number, and every reported figure names its fact", () => {
    const all = [...cities, ...organisations, ...memberships, ...events, ...trips, ...attendances, ...partnerships];
    for (const r of all) for (const c of r.citations) expect(c.fact).toMatch(/^F\d+$/);
    for (const r of reportedFigures) expect(r.fact).toMatch(/^F\d+$/);
  });
});
