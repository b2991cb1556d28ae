/**
 * Writes a data package's rows into the database: each record upserted by its public id (new
 * records keep the package's version and timestamps; a record whose fields, children or citations
 * differ from what is stored becomes its next version; an identical one is left alone), each
 * changed record entering the change feed as the import's change, all in the caller's transaction.
 *
 * The package states references by global ID (a city, a source) or slug (an organisation a trip
 * names); each is resolved against the records already in the database and those the import
 * writes, and one that names neither is a problem of its row. Citations come back as the export
 * wrote them: one per source and fact, with the fields it backs; the fields the package lists as
 * unsourced are cited to the dataset's illustrative source, as the seed cites them.
 */
import { eq, getTableName, inArray } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/connection.js";
import { refreshPlannerStatistics } from "../../db/dialect/queries.js";
import type { Provenance } from "../../db/enums.js";
import * as t from "../../db/schema.js";
import { loadIsoCountries } from "../../seeds/loadSeed.js";
import { ChangeSequence } from "../data/changeFeed.js";
import { indexForSearch, type SearchDocument } from "../data/search.js";
import { fromGlobalId, type NodeTypeName } from "../graphql/globalId.js";
import { storedFieldNames, type CitedRecordType } from "../lib/recordFields.js";
import type { ImportProblem, ImportRow, ProblemList } from "./packageRows.js";
import { comparable, RecordParts, same, type ChildTable, type Values } from "./recordParts.js";
import * as plans from "./recordPlans.js";
import {
  list,
  str,
  type AnyTable,
  type KeyType,
  type PackageRows,
  type PlanContext,
  type Planned,
  type TablePlan,
} from "./recordPlans.js";

/** The actor the import's changes are written as. */
export const IMPORT_ACTOR = "import";

export interface TableCounts {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** For a table of parts of records (a trip's destinations): the records' table, whose counts say what was written. */
  partOf?: string;
}

const PARTS: Record<string, string> = {
  trip_destinations: "trips",
  delegates: "trips",
  coverage: "cities",
  citations: "the records they cite",
};

export type { PackageRows };

export class PackageImport implements PlanContext {
  readonly parts = new RecordParts(() => this.illustrativeSourceId);
  readonly counts: Record<string, TableCounts> = {};
  changes = 0;
  private readonly sequence: ChangeSequence;
  private readonly at = new Date().toISOString();
  /** Public id → id, per node type; slug → id for cities and organisations. */
  private readonly ids = new Map<KeyType, Map<string, number>>();
  private readonly slugs = { city: new Map<string, number>(), organisation: new Map<string, number>() };
  private countryIds = new Map<string, number>();
  private illustrativeSourceId: number | null = null;
  private readonly search: SearchDocument[] = [];
  private readonly childrenByParent = new Map<string, Map<string, ImportRow[]>>();

  constructor(
    private readonly tx: Db,
    private readonly rows: PackageRows,
    private readonly problems: ProblemList,
    private readonly onProgress: (table: string, done: number, total: number) => void = () => {},
  ) {
    this.sequence = new ChangeSequence(tx);
  }

  problem(table: string, row: ImportRow | null, field: string | undefined, message: string): void {
    const problem: ImportProblem = { file: `data/${table}.csv`, message };
    if (row) problem.line = row.__line;
    if (field) problem.field = field;
    this.problems.add(problem);
  }

  /** The public id in a global ID of `type`; a problem when it is not one. */
  publicIdOf(table: string, row: ImportRow, field: string, type: NodeTypeName): string | null {
    const text = str(row, field);
    if (text === null) return null;
    const decoded = fromGlobalId(text);
    if (decoded?.type === type) return decoded.publicId;
    this.problem(table, row, field, `expected the global ID of a ${type}, found "${text}"`);
    return null;
  }

  /** The id of the `type` record a global ID names, in the database or the package; a problem when none. */
  ref(table: string, row: ImportRow, field: string, type: NodeTypeName): number | null {
    const publicId = this.publicIdOf(table, row, field, type);
    if (publicId === null) return null;
    const id = this.ids.get(type)?.get(publicId);
    if (id === undefined)
      this.problem(table, row, field, `no ${type} with the ID "${str(row, field)}" in the package or the database`);
    return id ?? null;
  }

  bySlug(table: string, row: ImportRow, field: string, kind: "city" | "organisation", slug: string | null): number | null {
    if (slug === null) return null;
    const id = this.slugs[kind].get(slug);
    if (id === undefined) this.problem(table, row, field, `no ${kind} with the slug "${slug}" in the package or the database`);
    return id ?? null;
  }

  private async loadKeys(type: KeyType, table: AnyTable): Promise<void> {
    const map = new Map<string, number>();
    for (const r of (await this.tx.select({ id: table.id, publicId: table.publicId }).from(table)) as {
      id: number;
      publicId: string;
    }[])
      map.set(r.publicId, r.id);
    this.ids.set(type, map);
  }

  /** The child rows of another table that belong to each record (trip_destinations by trip_id). */
  childRows(table: string, key: string): Map<string, ImportRow[]> {
    const cacheKey = `${table}\n${key}`;
    let found = this.childrenByParent.get(cacheKey);
    if (!found) {
      found = new Map();
      for (const row of this.rows[table] ?? []) {
        const parent = str(row, key) as string;
        const group = found.get(parent);
        if (group) group.push(row);
        else found.set(parent, [row]);
      }
      for (const group of found.values()) group.sort((a, b) => (a.position as number) - (b.position as number));
      this.childrenByParent.set(cacheKey, found);
    }
    return found;
  }

  /** The record's citations: the package's, then the illustrative source for the fields it lists as unsourced. */
  citations(table: string, row: ImportRow, type: CitedRecordType): Values[] {
    const out: Values[] = [];
    for (const c of this.childRows("citations", "record_id").get(str(row, "id") as string) ?? []) {
      const sourceId = this.ref("citations", c, "source_id", "Source");
      if (sourceId === null) continue;
      const statedOtherwise: Record<string, string> = {};
      for (const pair of list(c, "stated_otherwise")) {
        const eq = pair.indexOf("=");
        for (const field of storedFieldNames(type, [pair.slice(0, eq)])) statedOtherwise[field] = pair.slice(eq + 1);
      }
      out.push({
        sourceId,
        locator: str(c, "fact") ?? "",
        fields: storedFieldNames(type, list(c, "fields")),
        statedOtherwise: Object.keys(statedOtherwise).length ? statedOtherwise : null,
      });
    }
    const unsourced = list(row, "unsourced_fields");
    if (unsourced.length > 0) {
      if (this.illustrativeSourceId === null)
        this.problem(
          table,
          row,
          "unsourced_fields",
          "unsourced fields need the dataset's ILLUSTRATIVE source, which neither the package nor the database has",
        );
      else
        out.push({
          sourceId: this.illustrativeSourceId,
          locator: "",
          fields: storedFieldNames(type, unsourced),
          statedOtherwise: null,
        });
    }
    return out;
  }

  externalIds(table: string, row: ImportRow, namespace: number): Values[] {
    return list(row, "external_ids").flatMap((text) => {
      const colon = text.indexOf(":");
      if (colon < 1) {
        this.problem(table, row, "external_ids", `expected <scheme>:<value>, found "${text}"`);
        return [];
      }
      return [{ scheme: text.slice(0, colon), value: text.slice(colon + 1), namespace }];
    });
  }

  /** Bookkeeping every exported record carries. */
  record(row: ImportRow): Pick<Planned, "line" | "version" | "createdAt" | "updatedAt"> & { provenance: Provenance } {
    return {
      line: row.__line,
      version: (row.version as number | null) ?? 1,
      createdAt: str(row, "created_at"),
      updatedAt: str(row, "updated_at"),
      provenance: str(row, "provenance") as Provenance,
    };
  }

  async run(): Promise<void> {
    // Rows of these tables are parts of records, written (or left) with them.
    for (const [name, partOf] of Object.entries(PARTS)) {
      const n = this.rows[name]?.length ?? 0;
      this.counts[name] = { rows: n, inserted: 0, updated: 0, unchanged: 0, partOf };
      this.onProgress(name, n, n);
    }
    await this.sequence.open();
    for (const [type, table] of [
      ["Source", t.sources],
      ["City", t.cities],
      ["Organisation", t.organisations],
      ["Event", t.events],
      ["Trip", t.trips],
      ["Membership", t.memberships],
      ["Attendance", t.attendances],
      ["Partnership", t.partnerships],
      ["ReportedFigure", t.reportedFigures],
    ] as const)
      await this.loadKeys(type, table);
    for (const r of await this.tx.select({ id: t.cities.id, slug: t.cities.slug }).from(t.cities))
      this.slugs.city.set(r.slug, r.id);
    for (const r of await this.tx.select({ id: t.organisations.id, slug: t.organisations.slug }).from(t.organisations))
      this.slugs.organisation.set(r.slug, r.id);

    await this.upsert(plans.planSources(this, this.rows));
    const illustrative = await this.tx
      .select({ id: t.sources.id })
      .from(t.sources)
      .where(eq(t.sources.provenance, "ILLUSTRATIVE"));
    this.illustrativeSourceId = illustrative.length === 1 ? illustrative[0].id : null;
    // The reference list the cities point into (and its source, which the package's sources hold):
    // present in any seeded database, loaded into an empty one.
    this.countryIds = (await loadIsoCountries(this.tx)).countryIds;
    // In reference order: each plan resolves its rows' references to the records written before it.
    for (const plan of [
      plans.planCities,
      plans.planOrganisations,
      plans.planEvents,
      plans.planTrips,
      plans.planMemberships,
      plans.planAttendances,
      plans.planPartnerships,
      plans.planReportedFigures,
    ]) {
      const tablePlan = plan(this, this.rows);
      await this.upsert(tablePlan);
      this.release(tablePlan.spec.name);
    }

    await indexForSearch(this.tx, this.search);
    await this.sequence.close();
    const written = [t.sources, t.cities, t.organisations, t.events, t.trips, t.tripLegs, t.tripDelegates, t.tripEvents];
    const more = [
      t.tripOrganisations,
      t.memberships,
      t.attendances,
      t.partnerships,
      t.reportedFigures,
      t.coverage,
      t.recordSources,
    ];
    await refreshPlannerStatistics(this.tx, [
      ...[...written, ...more, t.externalIds, t.changes].map((x) => getTableName(x)),
      "search_index",
    ]);
  }

  /** Lets a written table's rows, and those of its parts, go: a large package is not held to the end. */
  private release(table: string): void {
    for (const name of [table, ...Object.keys(PARTS).filter((part) => PARTS[part] === table)]) {
      this.rows[name] = [];
      for (const key of this.childrenByParent.keys()) if (key.startsWith(`${name}\n`)) this.childrenByParent.delete(key);
    }
  }

  countryId(code: string): number | undefined {
    return this.countryIds.get(code);
  }

  optionalRef(table: string, row: ImportRow, field: string, type: NodeTypeName): number | null {
    return str(row, field) === null ? null : this.ref(table, row, field, type);
  }

  /** The id of the `type` record the i-th item of a list column names. */
  refIn(table: string, row: ImportRow, field: string, i: number, type: NodeTypeName): number | null {
    const item = list(row, field)[i];
    const decoded = fromGlobalId(item);
    const id = decoded?.type === type ? this.ids.get(type)?.get(decoded.publicId) : undefined;
    if (id === undefined) this.problem(table, row, field, `no ${type} with the ID "${item}" in the package or the database`);
    return id ?? null;
  }

  /**
   * Inserts the planned records that are new, updates those that differ from what is stored (own
   * columns, children, citations), and leaves the rest; returns each planned record's id.
   */
  private async upsert({ spec, keys, rows, plan, slugs }: TablePlan): Promise<void> {
    const counts: TableCounts = { rows: rows.length, inserted: 0, updated: 0, unchanged: 0 };
    this.counts[spec.name] = counts;
    const ids = this.ids.get(keys) as Map<string, number>;
    // Later tables name cities and organisations by slug.
    const found = (p: Planned, id: number) => {
      if (slugs) this.slugs[slugs].set(p.values.slug as string, id);
    };
    const CHUNK = 400;
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows
        .slice(start, start + CHUNK)
        .map(plan)
        .filter((p): p is Planned => p !== null);
      const existingIds = chunk.map((p) => ids.get(p.publicId)).filter((id): id is number => id !== undefined);
      const stored = new Map<number, Values>();
      if (existingIds.length)
        for (const r of (await this.tx.select().from(spec.table).where(inArray(spec.table.id, existingIds))) as Values[])
          stored.set(r.id as number, r);
      const storedChildren = new Map<ChildTable, Map<number, Values[]>>();
      if (existingIds.length)
        for (const child of chunk[0]?.children.keys() ?? []) {
          const byParent = new Map<number, Values[]>();
          for (const r of (await this.tx.select().from(child.table).where(child.of(existingIds))) as Values[]) {
            const parent = r[child.parentColumn] as number;
            const group = byParent.get(parent);
            if (group) group.push(r);
            else byParent.set(parent, [r]);
          }
          storedChildren.set(child, byParent);
        }

      const inserts: Planned[] = [];
      const changed: { planned: Planned; id: number; version: number }[] = [];
      for (const p of chunk) {
        const id = ids.get(p.publicId);
        const row = id === undefined ? undefined : stored.get(id);
        if (id === undefined || !row) {
          inserts.push(p);
          continue;
        }
        found(p, id);
        const differs =
          Object.entries(p.values).some(([k, v]) => v !== undefined && !same(v, row[k])) ||
          [...p.children].some(
            ([child, rows]) =>
              !same(
                comparable(
                  rows.map((r) => ({ ...r, ...child.parent(id) })),
                  child.normalise,
                ),
                comparable(storedChildren.get(child)?.get(id) ?? [], child.normalise),
              ),
          );
        if (differs) changed.push({ planned: p, id, version: (row.version as number) + 1 });
        else counts.unchanged++;
      }
      if (!this.problems.empty) {
        // Nothing will be written; the new records get stand-in ids so that rows naming them still check.
        for (const p of inserts) {
          const id = -++this.standIns;
          ids.set(p.publicId, id);
          found(p, id);
        }
        this.onProgress(spec.name, Math.min(start + CHUNK, rows.length), rows.length);
        continue;
      }

      if (inserts.length) {
        const created = (await this.tx
          .insert(spec.table)
          .values(
            inserts.map((p) => ({
              ...p.values,
              publicId: p.publicId,
              version: p.version,
              ...(p.createdAt ? { createdAt: p.createdAt } : {}),
              ...(p.updatedAt ? { updatedAt: p.updatedAt } : {}),
            })) as never,
          )
          .returning({ id: spec.table.id, publicId: spec.table.publicId })) as { id: number; publicId: string }[];
        const byPublicId = new Map(created.map((c) => [c.publicId, c.id]));
        for (const p of inserts) {
          const id = byPublicId.get(p.publicId) as number;
          ids.set(p.publicId, id);
          found(p, id);
          counts.inserted++;
          await this.afterWrite(spec, p, id, p.version, false);
        }
      }
      for (const c of changed) {
        await this.tx
          .update(spec.table)
          .set({ ...c.planned.values, version: c.version, updatedAt: this.at })
          .where(eq(spec.table.id, c.id));
        counts.updated++;
        await this.afterWrite(spec, c.planned, c.id, c.version, true);
      }
      await this.flushChildren();
      this.onProgress(spec.name, Math.min(start + CHUNK, rows.length), rows.length);
    }
  }

  private standIns = 0;
  private pendingChildren = new Map<SQLiteTable, Values[]>();

  /** A written record's children (replacing the stored ones), its change and its search entry. */
  private async afterWrite(spec: TablePlan["spec"], p: Planned, id: number, version: number, replace: boolean): Promise<void> {
    for (const [child, rows] of p.children) {
      if (replace) await this.tx.delete(child.table).where(child.of([id]));
      let pending = this.pendingChildren.get(child.table);
      if (!pending) this.pendingChildren.set(child.table, (pending = []));
      for (const r of rows) pending.push({ ...r, ...child.parent(id) });
    }
    if (p.search) this.search.push(p.search(id));
    if (spec.changeType) {
      let pending = this.pendingChildren.get(t.changes);
      if (!pending) this.pendingChildren.set(t.changes, (pending = []));
      pending.push({
        seq: await this.sequence.take(),
        recordType: spec.changeType,
        recordId: id,
        publicId: p.publicId,
        op: "UPSERT",
        version,
        at: this.at,
        actor: IMPORT_ACTOR,
        actorRole: "SYSTEM",
      });
      this.changes++;
    }
  }

  private async flushChildren(): Promise<void> {
    for (const [table, rows] of this.pendingChildren)
      for (let i = 0; i < rows.length; i += 200) await this.tx.insert(table).values(rows.slice(i, i + 200));
    this.pendingChildren.clear();
  }
}

/** For messages: the problem's place, as "data/trips.csv line 12, start_date". */
export function describeProblem(p: ImportProblem): string {
  return `${p.file}${p.line ? ` line ${p.line}` : ""}${p.field ? `, ${p.field}` : ""}: ${p.message}`;
}
