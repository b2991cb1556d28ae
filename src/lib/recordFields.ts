/**
 * The fields a record states, per record type, declared once: the names citations use (the seed
 * dataset's and the data layer's), and the GraphQL field that shows each. Bookkeeping (keys, slugs,
 * external ids, versions, provenance itself) is not a stated field: a source cannot back it.
 *
 * A record's status is derived from these lists (seeds/provenance.ts): SOURCED when citations back
 * every field it states, PARTLY_SOURCED when they back some, ILLUSTRATIVE when none.
 */

export const CITED_RECORD_TYPES = [
  "Country",
  "City",
  "Organisation",
  "Membership",
  "Event",
  "Trip",
  "Attendance",
  "Partnership",
  "ReportedFigure",
] as const;
export type CitedRecordType = (typeof CITED_RECORD_TYPES)[number];

/** Per record type: each stated field (citation name) and the GraphQL field of that type showing it. */
export const RECORD_FIELDS: Record<CitedRecordType, Readonly<Record<string, string>>> = {
  Country: { code: "code", nameFa: "name", nameEn: "name" },
  City: {
    nameFa: "name",
    nameEn: "name",
    country: "country",
    latitude: "latitude",
    longitude: "longitude",
    population: "population",
  },
  Organisation: {
    acronym: "acronym",
    nameFa: "name",
    nameEn: "name",
    kind: "kind",
    focus: "focus",
    website: "website",
    headquarters: "headquarters",
    monitored: "monitored",
  },
  Membership: {
    member: "member",
    organisation: "organisation",
    via: "via",
    status: "status",
    category: "category",
    categoryLabel: "categoryLabel",
    role: "role",
    startDate: "startDate",
    endDate: "endDate",
  },
  Event: {
    nameFa: "name",
    nameEn: "name",
    kind: "kind",
    format: "format",
    status: "status",
    organiser: "organiser",
    host: "host",
    startDate: "startDate",
    endDate: "endDate",
  },
  Trip: {
    code: "code",
    titleFa: "title",
    titleEn: "title",
    purpose: "purpose",
    status: "status",
    city: "city",
    requestingUnit: "requestingUnit",
    requestedOn: "requestedOn",
    decision: "decision",
    startDate: "startDate",
    endDate: "endDate",
    destinations: "destinations",
    /** The destinations' countries: a source may name the country and not the city. */
    countries: "countries",
    delegates: "delegates",
    /** How many went: a source may give the number and not the people. */
    delegationSize: "delegationSize",
    headedByMayor: "headedByMayor",
    events: "events",
    organisations: "organisations",
    invitedBy: "invitedBy",
    funding: "funding",
    cost: "cost",
    reportSubmittedOn: "reportSubmittedOn",
  },
  Attendance: { city: "city", event: "event", mode: "mode", trip: "trip", membership: "membership", outcomes: "outcomes" },
  Partnership: { city: "city", partner: "partner", kind: "kind", status: "status", signedOn: "signedOn" },
  ReportedFigure: { metric: "metric", periodFrom: "period", periodTo: "period", value: "value" },
};

/** Fields whose value is another field's: stated when that one is. */
const DERIVED: Partial<Record<CitedRecordType, Record<string, string>>> = {
  Trip: { countries: "destinations", delegationSize: "delegates" },
};

/** Whether a value states something: booleans always do (false is a statement), empty things never. */
function states(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** The stated fields of a record given as a plain object keyed by citation names (a seed record). */
export function statedFields(type: CitedRecordType, record: Readonly<Record<string, unknown>>): string[] {
  const derived = DERIVED[type] ?? {};
  return Object.keys(RECORD_FIELDS[type]).filter((field) => states(record[derived[field] ?? field]));
}

/** GraphQL field names for citation field names of a type, deduplicated, in declaration order. */
export function graphqlFieldNames(type: CitedRecordType, fields: Iterable<string>): string[] {
  const wanted = new Set(fields);
  const names = new Set<string>();
  for (const [field, graphqlName] of Object.entries(RECORD_FIELDS[type])) if (wanted.has(field)) names.add(graphqlName);
  return [...names];
}

/** Whether `field` is one of a type's stated fields (a citation may name only those). */
export function isRecordField(type: CitedRecordType, field: string): boolean {
  return Object.hasOwn(RECORD_FIELDS[type], field);
}

/** The stored fields behind GraphQL fields of a type (`name` is `nameFa` and `nameEn`): the inverse of graphqlFieldNames. */
export function storedFieldNames(type: CitedRecordType, graphqlNames: Iterable<string>): string[] {
  const wanted = new Set(graphqlNames);
  return Object.entries(RECORD_FIELDS[type])
    .filter(([, graphqlName]) => wanted.has(graphqlName))
    .map(([field]) => field);
}
