/**
 * Saving one record: insert, or update only what changed. An update that changes nothing leaves
 * the version alone and emits no change; every real change bumps the version and is appended to
 * the change feed by the session.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { ChangeType, RecordType, SourceKind } from "../../../db/enums.js";
import { recordSources, sources } from "../../../db/schema.js";
import type { WriteSession } from "./writeSession.js";

export type SaveOutcome = "INSERTED" | "UPDATED" | "UNCHANGED";

export interface RecordTable {
  table: SQLiteTable & { id: SQLiteColumn; publicId: SQLiteColumn };
  /** The feed type of changes to this table; absent for tables outside the feed. */
  changeType?: ChangeType;
}

interface BaseRow {
  id: number;
  publicId: string;
  version: number;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  return typeof a === "object" || typeof b === "object" ? JSON.stringify(a) === JSON.stringify(b) : false;
}

/** The fields of `values` that differ from `existing`. */
export function changedFields(existing: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(([key, value]) => value !== undefined && !sameValue(existing[key], value)),
  );
}

export async function saveRecord<Row extends BaseRow>(
  session: WriteSession,
  target: RecordTable,
  existing: Row | null,
  values: Record<string, unknown>,
): Promise<{ row: Row; outcome: SaveOutcome }> {
  const { table, changeType } = target;
  if (existing) {
    const diff = changedFields(existing as unknown as Record<string, unknown>, values);
    if (Object.keys(diff).length === 0) return { row: existing, outcome: "UNCHANGED" };
    const [row] = (await session.tx
      .update(table)
      .set({ ...diff, version: existing.version + 1, updatedAt: session.at })
      .where(eq(table.id, existing.id))
      .returning()) as unknown as Row[];
    if (changeType) await session.recordChange(changeType, row, "UPSERT");
    return { row, outcome: "UPDATED" };
  }
  const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  const [row] = (await session.tx
    .insert(table)
    .values({ ...defined, publicId: randomUUID(), createdAt: session.at, updatedAt: session.at, version: 1 } as never)
    .returning()) as unknown as Row[];
  if (changeType) await session.recordChange(changeType, row, "UPSERT");
  return { row, outcome: "INSERTED" };
}

/** Deletes a record; its tombstone (version + 1) stays in the change feed. */
export async function deleteRecord(session: WriteSession, target: RecordTable, existing: BaseRow): Promise<void> {
  await session.tx.delete(target.table).where(eq(target.table.id, existing.id));
  if (target.changeType) await session.recordChange(target.changeType, { ...existing, version: existing.version + 1 }, "DELETE");
}

/**
 * Links a record to the source it came through: the partner system it was synced from, or data
 * entry through the API, published by the writer's organisation (else "Footprint").
 */
export async function citeWriteSource(
  session: WriteSession,
  recordType: RecordType,
  recordId: number,
  origin: { kind: SourceKind; title: string; locator?: string },
): Promise<void> {
  const { tx } = session;
  // A batch cites one source for all its records: look it up once per write. Each organisation
  // publishes its own: WeGO's "metropolis-registry" is not Metropolis's. Never the key's name.
  const publisher = session.organisationName ?? "Footprint";
  const key = `${origin.kind}\n${origin.title}`;
  let sourceId = session.sourceIds.get(key);
  if (sourceId === undefined) {
    let [source] = await tx
      .select({ id: sources.id })
      .from(sources)
      .where(and(eq(sources.kind, origin.kind), eq(sources.title, origin.title), eq(sources.publisher, publisher)));
    if (!source) {
      [source] = await tx
        .insert(sources)
        .values({
          publicId: randomUUID(),
          kind: origin.kind,
          title: origin.title,
          publisher,
          provenance: "SOURCED",
          createdAt: session.at,
          updatedAt: session.at,
        })
        .returning({ id: sources.id });
    }
    sourceId = source.id;
    session.sourceIds.set(key, sourceId);
  }
  await tx
    .insert(recordSources)
    .values({ recordType, recordId, sourceId, locator: origin.locator ?? "" })
    .onConflictDoNothing();
}
