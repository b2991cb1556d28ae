/** Resolving the cities and organisations a write names (by slug or public id), in one query per kind. */
import { inArray, or } from "drizzle-orm";
import { cities, organisations } from "../../../db/schema.js";
import type { EntityRef } from "../conditions.js";
import type { CityRow, OrganisationRow } from "../rows.js";
import type { WriteSession } from "./writeSession.js";

export interface RefIndex<Row> {
  get(ref: EntityRef): Row | undefined;
}

/** The rows `refs` name, fetched with one query (none when there are no refs). */
async function lookup<Row extends { slug: string; publicId: string }>(
  refs: readonly EntityRef[],
  fetch: (slugs: string[], publicIds: string[]) => Promise<Row[]>,
): Promise<RefIndex<Row>> {
  const slugs = refs.flatMap((r) => ("slug" in r ? [r.slug] : []));
  const publicIds = refs.flatMap((r) => ("publicId" in r ? [r.publicId] : []));
  const rows = refs.length === 0 ? [] : await fetch(slugs.length ? slugs : [""], publicIds.length ? publicIds : [""]);
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  const byPublicId = new Map(rows.map((r) => [r.publicId, r]));
  return { get: (ref) => ("slug" in ref ? bySlug.get(ref.slug) : byPublicId.get(ref.publicId)) };
}

export const lookupCities = (session: WriteSession, refs: readonly EntityRef[]): Promise<RefIndex<CityRow>> =>
  lookup(refs, (slugs, publicIds) =>
    session.tx
      .select()
      .from(cities)
      .where(or(inArray(cities.slug, slugs), inArray(cities.publicId, publicIds))),
  );

export const lookupOrganisations = (session: WriteSession, refs: readonly EntityRef[]): Promise<RefIndex<OrganisationRow>> =>
  lookup(refs, (slugs, publicIds) =>
    session.tx
      .select()
      .from(organisations)
      .where(or(inArray(organisations.slug, slugs), inArray(organisations.publicId, publicIds))),
  );

/** How a reference is named in a message: its slug, or "the given ID". */
export function describeRef(ref: EntityRef): string {
  return "slug" in ref ? `"${ref.slug}"` : "the given ID";
}
