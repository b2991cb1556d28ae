/**
 * Footprint's and PostGraphile's answers to the benchmark's twin documents, brought to one shape so
 * the benchmark can check they carry the same data before it times either: the same trips in the
 * same order, each with the same fields, destinations and delegates (in order), organisations,
 * events and citations (as sets: the two order them by columns of different rows). IDs differ by
 * design (each engine has its own global IDs), so trips are matched by their public id.
 */
import { isDeepStrictEqual } from "node:util";

export interface SameTrip {
  publicId: string;
  code: string | null;
  purpose: string;
  startDate: string;
  delegationSize: number;
  title: string | null;
  destinations: string[];
  delegates: string[];
  organisations: string[];
  events: string[];
  sources: string[];
}

const sorted = (values: string[]) => [...values].sort();
const key = (...parts: unknown[]) => JSON.stringify(parts);
/** Footprint's localized texts read "" as null (src/modules); the peer reads the column as it is. */
const text = (value: string | null | undefined) => value || null;

export function publicIdOfGlobalId(id: string): string {
  const decoded = Buffer.from(id, "base64url").toString("utf8");
  return decoded.slice(decoded.indexOf(":") + 1);
}

export function footprintResearcher(data: any): { hasNextPage: boolean; trips: SameTrip[] } {
  return {
    hasNextPage: data.trips.pageInfo.hasNextPage,
    trips: data.trips.nodes.map((t: any) => ({
      publicId: publicIdOfGlobalId(t.id),
      code: t.code,
      purpose: t.purpose,
      startDate: t.startDate,
      delegationSize: t.delegationSize,
      title: t.title.en,
      destinations: t.destinations.map((d: any) => key(d.slug, d.name.en, d.country.code)),
      delegates: t.delegates.map((d: any) => key(d.position, d.role)),
      organisations: sorted(t.organisations.map((o: any) => key(o.slug, o.acronym))),
      events: sorted(t.events.map((e: any) => key(e.name.en, e.format))),
      sources: sorted(t.sources.map((s: any) => key(s.title, s.locator))),
    })),
  };
}

export function peerResearcher(data: any): { hasNextPage: boolean; trips: SameTrip[] } {
  return {
    hasNextPage: data.allTrips.pageInfo.hasNextPage,
    trips: data.allTrips.nodes.map((t: any) => ({
      publicId: t.publicId,
      code: t.code,
      purpose: t.purpose,
      startDate: t.startDate,
      delegationSize: t.delegationSize,
      title: text(t.titleEn),
      destinations: t.tripLegsByTripId.nodes.map((l: any) =>
        key(l.cityByCityId.slug, text(l.cityByCityId.nameEn), l.cityByCityId.countryByCountryId.code),
      ),
      delegates: t.tripDelegatesByTripId.nodes.map((d: any) => key(d.title, d.role)),
      organisations: sorted(
        t.tripOrganisationsByTripId.nodes.map((o: any) =>
          key(o.organisationByOrganisationId.slug, o.organisationByOrganisationId.acronym),
        ),
      ),
      events: sorted(t.tripEventsByTripId.nodes.map((e: any) => key(text(e.eventByEventId.nameEn), e.eventByEventId.format))),
      // A citation's own locator, or its source's when it has none (as Footprint's resolver reads it).
      sources: sorted(t.sources.nodes.map((s: any) => key(s.sourceBySourceId.title, s.locator || s.sourceBySourceId.locator))),
    })),
  };
}

export function footprintNode(data: any): unknown {
  const n = data.node;
  return n && { code: n.code, status: n.status, startDate: n.startDate };
}

export const peerNode = footprintNode;

/** Where two normalised answers differ, or null. */
export function sameDataDifference(footprint: unknown, peer: unknown, path = "answer"): string | null {
  if (isDeepStrictEqual(footprint, peer)) return null;
  if (footprint && peer && typeof footprint === "object" && typeof peer === "object") {
    if (Array.isArray(footprint) && Array.isArray(peer) && footprint.length !== peer.length)
      return `${path}: ${footprint.length} items vs ${peer.length}`;
    for (const k of new Set([...Object.keys(footprint), ...Object.keys(peer)])) {
      const found = sameDataDifference(
        (footprint as Record<string, unknown>)[k],
        (peer as Record<string, unknown>)[k],
        Array.isArray(footprint) ? `${path}[${k}]` : `${path}.${k}`,
      );
      if (found) return found;
    }
  }
  return `${path}: Footprint ${JSON.stringify(footprint)?.slice(0, 300)} vs PostGraphile ${JSON.stringify(peer)?.slice(0, 300)}`;
}
