/** Resolving the cities and organisations a write names (by slug or public id), in one query per kind. */
import { inArray, or } from "drizzle-orm";
import { cities, organisations } from "../../../db/schema.js";
import type { EntityRef } from "../conditions.js";
import type { CityRow, OrganisationRow } from "../rows.js";
import type { WriteSession } from "./writeSession.js";

export interface RefIndex<Row> {
  get(ref: EntityRef): Row | undefined;
}

async function lookup<Row extends { slug: string; publicId: string }>(
  session: WriteSession,
  table: typeof cities | typeof organisations,
  refs: readonly EntityRef[],
): Promise<RefIndex<Row>> {
  const slugs = refs.flatMap((r) => ("slug" in r ? [r.slug] : []));
  const publicIds = refs.flatMap((r) => ("publicId" in r ? [r.publicId] : []));
  const rows =
    refs.length === 0
      ? []
      : ((await session.tx
          .select()
          .from(table)
          .where(
            or(inArray(table.slug, slugs.length ? slugs : [""]), inArray(table.publicId, publicIds.length ? publicIds : [""])),
          )) as unknown as Row[]);
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  const byPublicId = new Map(rows.map((r) => [r.publicId, r]));
  return { get: (ref) => ("slug" in ref ? bySlug.get(ref.slug) : byPublicId.get(ref.publicId)) };
}

export const lookupCities = (session: WriteSession, refs: readonly EntityRef[]) => lookup<CityRow>(session, cities, refs);
export const lookupOrganisations = (session: WriteSession, refs: readonly EntityRef[]) =>
  lookup<OrganisationRow>(session, organisations, refs);

export function describeRef(ref: EntityRef): string {
  return "slug" in ref ? `"${ref.slug}"` : "the given ID";
}
