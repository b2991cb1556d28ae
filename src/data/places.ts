/** Countries and cities. */
import { and, asc, sql } from "drizzle-orm";
import type { Db } from "../../db/connection.js";
import type { Provenance } from "../../db/enums.js";
import { cities, countries, memberships } from "../../db/schema.js";
import { cityInCountries, equals, organisationIn, type EntityRef } from "./conditions.js";
import { nullsAs, sortKeys, type OrderTerm, type SortableField } from "./ordering.js";
import type { ListSpec } from "./pagination.js";
import type { CityRow, CountryRow } from "./rows.js";
import { citing, type CitesCriteria } from "./sources.js";

export interface CityCriteria {
  countries?: readonly string[] | null;
  /** Cities that are (or were) members of one of these organisations. */
  memberOf?: readonly EntityRef[] | null;
  provenance?: Provenance | null;
  /** Records citing this source (at this fact). */
  cites?: CitesCriteria | null;
}

export const CITY_ORDER_FIELDS = ["NAME", "SLUG", "POPULATION", "UPDATED_AT"] as const;
export type CityOrderField = (typeof CITY_ORDER_FIELDS)[number];

const sortable: Record<CityOrderField, SortableField<CityRow>> = {
  NAME: { sql: cities.nameEn, value: (r) => r.nameEn },
  SLUG: { sql: cities.slug, value: (r) => r.slug },
  // Unknown populations sort as -1: first ascending, last descending.
  POPULATION: nullsAs(cities.population, -1, (r) => r.population),
  UPDATED_AT: { sql: cities.updatedAt, value: (r) => r.updatedAt },
};

export function cityList(c: CityCriteria, order?: readonly OrderTerm<CityOrderField>[] | null): ListSpec<CityRow> {
  return {
    table: cities,
    where: and(
      cityInCountries(cities.id, c.countries),
      c.memberOf?.length
        ? sql`${cities.id} in (select ${memberships.memberCityId} from ${memberships} where ${organisationIn(memberships.organisationId, c.memberOf)})`
        : undefined,
      equals(cities.provenance, c.provenance),
      citing("CITY", cities.id, c.cites),
    ),
    order: sortKeys(sortable, order, [{ field: "NAME", direction: "ASC" }]),
  };
}

export async function allCountries(db: Db): Promise<CountryRow[]> {
  return db.select().from(countries).orderBy(asc(countries.code));
}
