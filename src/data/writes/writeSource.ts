/**
 * The source a written record cites: the partner system it was synced from, or data entry through
 * the API, published by the writer's organisation (else "Footprint"). Public, so it names the
 * organisation or role, never the key.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { RecordType, SourceKind } from "../../../db/enums.js";
import { recordSources, sources } from "../../../db/schema.js";
import type { WriteSession } from "./writeSession.js";

export interface WriteOrigin {
  kind: SourceKind;
  title: string;
  locator?: string;
}

/** Where a write's records come from: a PARTNER key's own system, else data entry by its writer. */
export function writeOrigin(session: WriteSession, source: string | null): WriteOrigin {
  return session.actor.role === "PARTNER" && source
    ? { kind: "PARTNER_SYNC", title: source }
    : { kind: "DATA_ENTRY", title: `API data entry (${session.label})` };
}

/** Links a record to the source it came through, creating that source the first time. */
export async function citeWriteSource(
  session: WriteSession,
  recordType: RecordType,
  recordId: number,
  origin: WriteOrigin,
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
