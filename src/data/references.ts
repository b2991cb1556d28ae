/**
 * Which of the cities, organisations and countries a request's filters name exist: one statement
 * for every value of every filter of a field, so a filter naming a record that is not there can
 * be refused instead of answering with an empty list.
 */
import { inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/connection.js";
import { selectRows } from "../../db/dialect/queries.js";
import { cities, countries, organisations } from "../../db/schema.js";
import type { EntityRef } from "./conditions.js";

export interface ReferenceQuery {
  cities: readonly EntityRef[];
  organisations: readonly EntityRef[];
  /** ISO codes, upper case. */
  countries: readonly string[];
}

export interface KnownReferences {
  city(ref: EntityRef): boolean;
  organisation(ref: EntityRef): boolean;
  country(code: string): boolean;
}

const refKey = (ref: EntityRef) => ("slug" in ref ? `s:${ref.slug}` : `p:${ref.publicId}`);

function refsSelect(kind: string, table: typeof cities | typeof organisations, refs: readonly EntityRef[]): SQL | null {
  if (refs.length === 0) return null;
  const slugs = refs.flatMap((r) => ("slug" in r ? [r.slug] : []));
  const publicIds = refs.flatMap((r) => ("publicId" in r ? [r.publicId] : []));
  const where = or(
    slugs.length ? inArray(table.slug, slugs) : undefined,
    publicIds.length ? inArray(table.publicId, publicIds) : undefined,
  );
  return sql`select ${sql.raw(`'${kind}'`)} as kind, ${table.slug} as slug, ${table.publicId} as public_id from ${table} where ${where}`;
}

export async function knownReferences(db: Db, query: ReferenceQuery): Promise<KnownReferences> {
  const parts = [
    refsSelect("city", cities, query.cities),
    refsSelect("organisation", organisations, query.organisations),
    query.countries.length
      ? sql`select 'country' as kind, ${countries.code} as slug, ${countries.code} as public_id from ${countries} where ${inArray(countries.code, [...query.countries])}`
      : null,
  ].filter((p): p is SQL => p !== null);
  const found = { city: new Set<string>(), organisation: new Set<string>(), country: new Set<string>() };
  if (parts.length > 0) {
    const rows = await selectRows<{ kind: keyof typeof found; slug: string; public_id: string }>(
      db,
      sql.join(parts, sql` union all `),
    );
    for (const row of rows) {
      found[row.kind].add(`s:${row.slug}`).add(`p:${row.public_id}`);
    }
  }
  return {
    city: (ref) => found.city.has(refKey(ref)),
    organisation: (ref) => found.organisation.has(refKey(ref)),
    country: (code) => found.country.has(`s:${code}`),
  };
}
