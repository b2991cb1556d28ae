/** Organisations (city networks, societies, agencies): filters and orderings. */
import { and, sql } from "drizzle-orm";
import type { OrganisationKind, Provenance } from "../../db/enums.js";
import { memberships, organisations } from "../../db/schema.js";
import { cityIn, equals, inList, type EntityRef } from "./conditions.js";
import { sortKeys, type OrderTerm, type SortableField } from "./ordering.js";
import type { ListSpec } from "./pagination.js";
import type { OrganisationRow } from "./rows.js";
import { citing, type CitesCriteria } from "./sources.js";

export interface OrganisationCriteria {
  kind?: readonly OrganisationKind[] | null;
  /** Only the bodies the home city's international-affairs centre monitors (F13). */
  monitored?: boolean | null;
  /** Organisations one of these cities is (or was) a member of. */
  memberCities?: readonly EntityRef[] | null;
  provenance?: Provenance | null;
  /** Records citing this source (at this fact). */
  cites?: CitesCriteria | null;
}

export const ORGANISATION_ORDER_FIELDS = ["NAME", "SLUG", "CREATED_AT"] as const;
export type OrganisationOrderField = (typeof ORGANISATION_ORDER_FIELDS)[number];

const sortable: Record<OrganisationOrderField, SortableField<OrganisationRow>> = {
  NAME: { sql: organisations.nameEn, value: (r) => r.nameEn },
  SLUG: { sql: organisations.slug, value: (r) => r.slug },
  CREATED_AT: { sql: organisations.createdAt, value: (r) => r.createdAt },
};

export function organisationWhere(c: OrganisationCriteria) {
  return and(
    inList(organisations.kind, c.kind),
    equals(organisations.monitored, c.monitored),
    c.memberCities?.length
      ? sql`${organisations.id} in (select ${memberships.organisationId} from ${memberships} where ${cityIn(memberships.memberCityId, c.memberCities)})`
      : undefined,
    equals(organisations.provenance, c.provenance),
    citing("ORGANISATION", organisations.id, c.cites),
  );
}

export function organisationList(
  criteria: OrganisationCriteria,
  order?: readonly OrderTerm<OrganisationOrderField>[] | null,
): ListSpec<OrganisationRow> {
  return {
    table: organisations,
    where: organisationWhere(criteria),
    order: sortKeys(sortable, order, [{ field: "NAME", direction: "ASC" }]),
  };
}
