/** Countries and cities. */
import { and, asc, sql } from "drizzle-orm";
import type { Db } from "../../db/connection.js";
import type { Provenance } from "../../db/enums.js";
import { cities, countries, memberships } from "../../db/schema.js";
import { cityInCountries, equals, organisationIn, type EntityRef } from "./conditions.js";
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

export function cityList(c: CityCriteria): ListSpec<CityRow> {
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
    order: [{ name: "NAME", sql: cities.nameEn, value: (r) => r.nameEn, direction: "ASC" }],
  };
}

export async function allCountries(db: Db): Promise<CountryRow[]> {
  return db.select().from(countries).orderBy(asc(countries.code));
}
