/**
 * Loads the seed dataset (seeds/dataset) into a migrated database, in one transaction.
 *
 * Idempotent: every record has a public id derived from its seed key, and a record that is already
 * there is left as it is (with its children), so running the seed twice changes nothing. Every
 * facts file in seeds/sources becomes a source. Every record's citations are written with the
 * fields each backs, and its status is derived from them (seeds/provenance.ts); the stated fields
 * no source backs are cited to the dataset's own "illustrative data" source (itself ILLUSTRATIVE),
 * with the report facts that shaped the record, so every record cites something.
 */
import { createHash } from "node:crypto";
import { count, eq, getTableName } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { DatabaseHandle, Db } from "../db/connection.js";
import { refreshPlannerStatistics } from "../db/dialect/queries.js";
import type { ChangeType, Provenance, RecordType } from "../db/enums.js";
import * as t from "../db/schema.js";
import { ChangeSequence, SEED_ACTOR } from "../src/data/changeFeed.js";
import { indexForSearch, type SearchDocument } from "../src/data/search.js";
import { jalaliColumns } from "../src/data/writes/upsert.js";
import type { CitedRecordType } from "../src/lib/recordFields.js";
import { isoCountries } from "./countries.js";
import { dataset as defaultDataset } from "./dataset/index.js";
import { englishOf } from "./dataset/translations.js";
import type { SeedCitation, SeedDataset } from "./dataset/types.js";
import { recordProvenance } from "./provenance.js";
import { sourceFacts } from "./sourceFacts.js";

/** A stable UUID-shaped public id for a seed record (name-based, like UUID v5). */
export function seedPublicId(kind: string, key: string): string {
  const hex = createHash("sha1").update(`footprint-seed:${kind}:${key}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

const ILLUSTRATIVE_SOURCE = {
  key: "footprint-illustrative",
  kind: "DATA_ENTRY" as const,
  title: "Footprint seed dataset: illustrative records made to complete the report's figures (not fact)",
  publisher: "Footprint",
  url: null,
  publishedOn: null,
  locator: null,
  // Not a source of fact: what it is cited for is what no source backs.
  provenance: "ILLUSTRATIVE" as const,
};
const ISO_SOURCE = {
  key: "iso-3166-1",
  kind: "OFFICIAL_DOCUMENT" as const,
  title: "ISO 3166-1 country codes, with names from the i18n-iso-countries package",
  publisher: "ISO",
  url: "https://www.iso.org/iso-3166-country-codes.html",
  publishedOn: null,
  locator: null,
  provenance: "SOURCED" as const,
};

export interface SeedSummary {
  inserted: number;
  existing: number;
}

/** Rows to insert later, many per statement, table by table in the order first added. */
class BatchedInserts {
  private readonly rows = new Map<SQLiteTable, Record<string, unknown>[]>();

  add(table: SQLiteTable, row: Record<string, unknown>): void {
    let list = this.rows.get(table);
    if (!list) this.rows.set(table, (list = []));
    list.push(row);
  }

  async write(tx: Db): Promise<void> {
    for (const [table, rows] of this.rows) {
      // Well under both drivers' limits on bound parameters per statement.
      for (let i = 0; i < rows.length; i += 400) {
        await tx
          .insert(table)
          .values(rows.slice(i, i + 400))
          .onConflictDoNothing();
      }
    }
  }
}

export async function isDatabaseSeeded(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(t.sources);
  return (row?.n ?? 0) > 0;
}

/**
 * The ISO 3166-1 reference list: the countries, with Persian and English names, and the source they
 * cite. Inserted where missing (by the seed, and by an import into an empty database: a data
 * package carries the cities, not the reference list they point into); returns every country's id.
 */
export async function loadIsoCountries(tx: Db): Promise<{ sourceId: number; countryIds: Map<string, number>; inserted: number }> {
  const { key, ...values } = ISO_SOURCE;
  const publicId = seedPublicId("source", key);
  await tx
    .insert(t.sources)
    .values({ ...values, publicId })
    .onConflictDoNothing();
  const [source] = await tx.select({ id: t.sources.id }).from(t.sources).where(eq(t.sources.publicId, publicId));
  const countryIds = new Map<string, number>();
  for (const row of await tx.select({ id: t.countries.id, code: t.countries.code }).from(t.countries))
    countryIds.set(row.code, row.id);
  const missing = isoCountries().filter((c) => !countryIds.has(c.code));
  const later = new BatchedInserts();
  const search: SearchDocument[] = [];
  for (let i = 0; i < missing.length; i += 400) {
    const chunk = missing.slice(i, i + 400);
    const created = await tx
      .insert(t.countries)
      .values(chunk.map((c) => ({ ...c, publicId: seedPublicId("country", c.code), provenance: "SOURCED" as const })))
      .onConflictDoNothing()
      .returning({ id: t.countries.id, code: t.countries.code });
    for (const row of created) {
      const c = chunk.find((x) => x.code === row.code) as (typeof chunk)[number];
      countryIds.set(row.code, row.id);
      later.add(t.recordSources, {
        recordType: "COUNTRY",
        recordId: row.id,
        sourceId: source.id,
        locator: c.code,
        fields: ["code", "nameFa", "nameEn"],
      });
      search.push({ type: "COUNTRY", id: row.id, keys: [c.code], names: [c.nameFa, c.nameEn] });
    }
  }
  await later.write(tx);
  await indexForSearch(tx, search);
  return { sourceId: source.id, countryIds, inserted: search.length };
}

/** Loads `data` in one transaction; records already present (by public id) are left as they are. */
export async function loadSeed(
  database: Pick<DatabaseHandle, "transaction">,
  data: SeedDataset = defaultDataset,
): Promise<SeedSummary> {
  const summary: SeedSummary = { inserted: 0, existing: 0 };
  await database.transaction(async (tx) => {
    const search: SearchDocument[] = [];
    // Rows that need no id back are collected and written in batches at the end, so a large
    // dataset (the benchmark's, the tests' 10,000 trips) takes a few statements per record.
    const later = new BatchedInserts();

    const at = new Date().toISOString();
    // Change numbers continue the feed (inside the write lock: nothing else writes meanwhile).
    const sequence = new ChangeSequence(tx);
    // The seed's rows are version 1 of their records, valid from the seed's first change.
    await sequence.open();
    /** Insert unless present; the id either way, and whether it was new. New records enter the change feed. */
    const put = async (
      table: SQLiteTable & { id: SQLiteColumn; publicId: SQLiteColumn },
      kind: string,
      key: string,
      values: Record<string, unknown>,
      changeType?: ChangeType,
    ): Promise<{ id: number; inserted: boolean }> => {
      const publicId = seedPublicId(kind, key);
      const [created] = (await tx
        .insert(table)
        .values({ ...values, publicId } as never)
        .onConflictDoNothing()
        .returning({ id: table.id })) as { id: number }[];
      if (created) {
        summary.inserted++;
        if (changeType)
          later.add(t.changes, {
            seq: await sequence.take(),
            recordType: changeType,
            recordId: created.id,
            publicId,
            op: "UPSERT",
            version: 1,
            at,
            actor: SEED_ACTOR,
            actorRole: "SYSTEM",
          });
        return { id: created.id, inserted: true };
      }
      summary.existing++;
      const [found] = (await tx
        .select({ id: table.id })
        .from(table as SQLiteTable)
        .where(eq(table.publicId, publicId))) as { id: number }[];
      return { id: found.id, inserted: false };
    };

    const sourceIds = new Map<string, number>();
    for (const f of sourceFacts().values()) {
      const values = { kind: f.kind, title: f.title, publisher: f.publisher, url: f.url, publishedOn: f.publishedOn };
      sourceIds.set(f.id, (await put(t.sources, "source", f.id, { ...values, locator: null, provenance: "SOURCED" })).id);
    }
    {
      const { key, ...values } = ILLUSTRATIVE_SOURCE;
      sourceIds.set(key, (await put(t.sources, "source", key, values)).id);
    }
    const iso = await loadIsoCountries(tx);
    sourceIds.set(ISO_SOURCE.key, iso.sourceId);
    summary.inserted += iso.inserted;
    const RECORD_TYPE: Record<CitedRecordType, RecordType> = {
      Country: "COUNTRY",
      City: "CITY",
      Organisation: "ORGANISATION",
      Membership: "MEMBERSHIP",
      Event: "EVENT",
      Trip: "TRIP",
      Attendance: "ATTENDANCE",
      Partnership: "PARTNERSHIP",
      ReportedFigure: "REPORTED_FIGURE",
    };
    /** The record's status, from its citations. */
    const statusOf = (type: CitedRecordType, c: SeedCitation): Provenance => recordProvenance(type, c).status;
    /** Writes a record's citations, and the illustrative source's for the fields none backs. */
    const cite = (type: CitedRecordType, recordId: number, c: SeedCitation) => {
      const recordType = RECORD_TYPE[type];
      const byLocator = new Map<
        string,
        { sourceId: number; locator: string; fields: string[]; statedOtherwise?: Record<string, string> }
      >();
      for (const citation of c.citations) {
        const sourceId = sourceIds.get(citation.source);
        if (sourceId === undefined) throw new Error(`Seed: ${type} cites an unknown source "${citation.source}"`);
        const key = `${sourceId}\n${citation.fact}`;
        const link = byLocator.get(key) ?? { sourceId, locator: citation.fact, fields: [] };
        link.fields = [...new Set([...link.fields, ...citation.fields])];
        if (citation.otherwise) link.statedOtherwise = { ...link.statedOtherwise, ...citation.otherwise };
        byLocator.set(key, link);
      }
      const { unsourced } = recordProvenance(type, c);
      if (c.citations.length === 0 || unsourced.length > 0) {
        const shapedBy = c.shapedBy ?? [];
        byLocator.set("illustrative", {
          sourceId: sourceIds.get(ILLUSTRATIVE_SOURCE.key) as number,
          locator: shapedBy.length ? `shaped by ${shapedBy.join(", ")}` : "",
          fields: unsourced,
        });
      }
      for (const link of byLocator.values()) later.add(t.recordSources, { recordType, recordId, ...link });
    };

    const countryIds = iso.countryIds;
    const countryId = (code: string) => {
      const id = countryIds.get(code);
      if (id === undefined) throw new Error(`Seed: unknown country code ${code}`);
      return id;
    };

    const cityIds = new Map<string, number>();
    for (const c of data.cities) {
      const r = await put(
        t.cities,
        "city",
        c.slug,
        {
          slug: c.slug,
          nameFa: c.nameFa,
          nameEn: c.nameEn,
          countryId: countryId(c.country),
          latitude: c.latitude,
          longitude: c.longitude,
          population: c.population ?? null,
          provenance: statusOf("City", c),
        },
        "CITY",
      );
      cityIds.set(c.slug, r.id);
      if (r.inserted) {
        cite("City", r.id, c);
        search.push({ type: "CITY", id: r.id, keys: [c.slug], names: [c.nameFa, c.nameEn] });
      }
    }
    const ref = (map: Map<string, number>, what: string, key: string | undefined): number | null => {
      if (key === undefined) return null;
      const id = map.get(key);
      if (id === undefined) throw new Error(`Seed: unknown ${what} "${key}"`);
      return id;
    };

    const orgIds = new Map<string, number>();
    for (const o of data.organisations) {
      const r = await put(
        t.organisations,
        "organisation",
        o.slug,
        {
          slug: o.slug,
          acronym: o.acronym ?? null,
          nameFa: o.nameFa,
          nameEn: o.nameEn,
          kind: o.kind,
          focus: o.focus,
          website: o.website ?? null,
          headquartersCityId: ref(cityIds, "city", o.headquarters),
          monitored: o.monitored,
          provenance: statusOf("Organisation", o),
        },
        "ORGANISATION",
      );
      orgIds.set(o.slug, r.id);
      if (r.inserted) {
        cite("Organisation", r.id, o);
        search.push({ type: "ORGANISATION", id: r.id, keys: [o.slug, o.acronym], names: [o.nameFa, o.nameEn], body: o.focus });
      }
    }

    const membershipIds = new Map<string, number>();
    for (const m of data.memberships) {
      const r = await put(
        t.memberships,
        "membership",
        m.key,
        {
          memberCityId: ref(cityIds, "city", m.member),
          organisationId: ref(orgIds, "organisation", m.organisation),
          viaOrganisationId: ref(orgIds, "organisation", m.via),
          status: m.status,
          category: m.category,
          categoryLabel: m.categoryLabel ?? null,
          role: m.role,
          startDate: m.startDate ?? null,
          startPrecision: m.startDate ? (m.startPrecision ?? "DAY") : null,
          ...jalaliColumns("start", m.startDate ?? null),
          endDate: m.endDate ?? null,
          endPrecision: m.endDate ? (m.endPrecision ?? "DAY") : null,
          provenance: statusOf("Membership", m),
        },
        "MEMBERSHIP",
      );
      membershipIds.set(m.key, r.id);
      if (r.inserted) {
        cite("Membership", r.id, m);
        // A membership's ids live in its organisation's namespace (db/tables.ts, external_ids).
        const namespace = ref(orgIds, "organisation", m.organisation) as number;
        for (const x of m.externalIds ?? [])
          later.add(t.externalIds, { recordType: "MEMBERSHIP", recordId: r.id, namespace, ...x });
      }
    }

    const eventIds = new Map<string, number>();
    for (const e of data.events) {
      const r = await put(
        t.events,
        "event",
        e.key,
        {
          nameFa: e.nameFa,
          nameEn: e.nameEn,
          kind: e.kind,
          format: e.format,
          status: e.status,
          organiserId: ref(orgIds, "organisation", e.organiser),
          hostCityId: ref(cityIds, "city", e.host),
          startDate: e.startDate,
          ...jalaliColumns("start", e.startDate),
          endDate: e.endDate ?? null,
          provenance: statusOf("Event", e),
        },
        "EVENT",
      );
      eventIds.set(e.key, r.id);
      if (r.inserted) {
        cite("Event", r.id, e);
        search.push({ type: "EVENT", id: r.id, keys: [], names: [e.nameFa, e.nameEn] });
      }
    }

    const tripIds = new Map<string, number>();
    for (const trip of data.trips) {
      const r = await put(
        t.trips,
        "trip",
        trip.key,
        {
          code: trip.code,
          titleFa: trip.titleFa,
          titleEn: trip.titleEn,
          purpose: trip.purpose,
          status: trip.status,
          cityId: ref(cityIds, "city", trip.city),
          requestingUnit: trip.requestingUnit,
          requestingUnitEn: englishOf("unit", trip.requestingUnit),
          requestedOn: trip.requestedOn,
          decisionOutcome: trip.decision?.outcome ?? null,
          decidedOn: trip.decision?.decidedOn ?? null,
          decisionReason: trip.decision?.reason ?? null,
          decisionReasonEn: englishOf("reason", trip.decision?.reason),
          startDate: trip.startDate,
          ...jalaliColumns("start", trip.startDate),
          endDate: trip.endDate,
          delegationSize: trip.delegates.length,
          headedByMayor: trip.headedByMayor,
          invitedById: ref(orgIds, "organisation", trip.invitedBy),
          funding: trip.funding ?? null,
          costMinor: trip.cost?.amountMinor ?? null,
          costCurrency: trip.cost?.currency ?? null,
          reportSubmittedOn: trip.reportSubmittedOn ?? null,
          provenance: statusOf("Trip", trip),
        },
        "TRIP",
      );
      tripIds.set(trip.key, r.id);
      if (!r.inserted) continue;
      cite("Trip", r.id, trip);
      for (const [position, slug] of trip.destinations.entries()) {
        later.add(t.tripLegs, { tripId: r.id, position, cityId: ref(cityIds, "city", slug) });
      }
      for (const [position, d] of trip.delegates.entries()) {
        later.add(t.tripDelegates, {
          tripId: r.id,
          position,
          nameFa: d.nameFa ?? null,
          nameEn: d.nameEn ?? null,
          title: d.position,
          titleEn: englishOf("position", d.position),
          unit: d.unit ?? null,
          unitEn: englishOf("unit", d.unit),
          role: d.role,
        });
      }
      for (const key of trip.events) later.add(t.tripEvents, { tripId: r.id, eventId: ref(eventIds, "event", key) });
      for (const slug of trip.organisations)
        later.add(t.tripOrganisations, { tripId: r.id, organisationId: ref(orgIds, "organisation", slug) });
      search.push({
        type: "TRIP",
        id: r.id,
        keys: [trip.code],
        names: [trip.titleFa, trip.titleEn],
        body: [trip.requestingUnit, englishOf("unit", trip.requestingUnit)],
      });
    }

    for (const a of data.attendances) {
      const r = await put(
        t.attendances,
        "attendance",
        a.key,
        {
          cityId: ref(cityIds, "city", a.city),
          eventId: ref(eventIds, "event", a.event),
          mode: a.mode,
          tripId: ref(tripIds, "trip", a.trip),
          membershipId: ref(membershipIds, "membership", a.membership),
          outcomes: a.outcomes,
          provenance: statusOf("Attendance", a),
        },
        "ATTENDANCE",
      );
      if (r.inserted) cite("Attendance", r.id, a);
    }

    for (const p of data.partnerships) {
      const r = await put(
        t.partnerships,
        "partnership",
        p.key,
        {
          cityId: ref(cityIds, "city", p.city),
          partnerCityId: ref(cityIds, "city", p.partner),
          kind: p.kind,
          status: p.status,
          signedOn: p.signedOn ?? null,
          signedPrecision: p.signedOn ? (p.signedPrecision ?? "DAY") : null,
          ...jalaliColumns("signed", p.signedOn ?? null),
          provenance: statusOf("Partnership", p),
        },
        "PARTNERSHIP",
      );
      if (r.inserted) cite("Partnership", r.id, p);
    }

    for (const f of data.reportedFigures) {
      const r = await put(t.reportedFigures, "reported-figure", f.key, {
        cityId: ref(cityIds, "city", f.city),
        metric: f.metric,
        periodFrom: f.periodFrom,
        periodTo: f.periodTo,
        value: f.value,
        attendanceMode: f.mode ?? null,
        sourceId: sourceIds.get(f.source ?? "tehran-press-47801"),
        locator: f.fact,
        note: f.note ?? null,
        provenance: "SOURCED",
      });
      const fields = ["metric", "periodFrom", "periodTo", "value"];
      const figure = { ...f, citations: [{ source: f.source ?? "tehran-press-47801", fact: f.fact, fields }] };
      if (r.inserted) cite("ReportedFigure", r.id, figure);
    }

    // Part of each city's record (its version 1): no change of its own.
    for (const c of data.coverage ?? [])
      later.add(t.coverage, {
        cityId: ref(cityIds, "city", c.city),
        periodFrom: c.periodFrom,
        periodTo: c.periodTo,
        status: c.status,
        sourceId: sourceIds.get(c.source),
        locator: c.fact,
        note: c.note ?? null,
      });

    await later.write(tx);
    await indexForSearch(tx, search);
    await sequence.close();
    if (summary.inserted > 0) {
      const written = [
        t.sources,
        t.countries,
        t.cities,
        t.organisations,
        t.memberships,
        t.events,
        t.trips,
        t.tripLegs,
        t.tripDelegates,
        t.tripEvents,
        t.tripOrganisations,
        t.attendances,
        t.partnerships,
        t.reportedFigures,
        t.coverage,
        t.recordSources,
        t.externalIds,
        t.changes,
      ];
      await refreshPlannerStatistics(tx, [...written.map((table) => getTableName(table)), "search_index"]);
    }
  });
  return summary;
}
