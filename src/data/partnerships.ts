/** City-to-city partnerships. */
import { and } from "drizzle-orm";
import type { PartnershipKind, PartnershipStatus, Provenance } from "../../db/enums.js";
import { partnerships } from "../../db/schema.js";
import { cityIn, equals, inList, type EntityRef } from "./conditions.js";
import { nullsAs, sortKeys, type OrderTerm, type SortableField } from "./ordering.js";
import type { ListSpec, SortKey } from "./pagination.js";
import type { PartnershipRow } from "./rows.js";
import { citing, type CitesCriteria } from "./sources.js";

export interface PartnershipCriteria {
  cities?: readonly EntityRef[] | null;
  partners?: readonly EntityRef[] | null;
  kind?: readonly PartnershipKind[] | null;
  status?: readonly PartnershipStatus[] | null;
  provenance?: Provenance | null;
  /** Records citing this source (at this fact). */
  cites?: CitesCriteria | null;
}

export const PARTNERSHIP_ORDER_FIELDS = ["SIGNED_ON", "KIND", "STATUS", "UPDATED_AT"] as const;
export type PartnershipOrderField = (typeof PARTNERSHIP_ORDER_FIELDS)[number];

const sortable: Record<PartnershipOrderField, SortableField<PartnershipRow>> = {
  // Unknown signing dates sort as "": first ascending, last descending.
  SIGNED_ON: nullsAs(partnerships.signedOn, "", (r) => r.signedOn),
  KIND: { sql: partnerships.kind, value: (r) => r.kind },
  STATUS: { sql: partnerships.status, value: (r) => r.status },
  UPDATED_AT: { sql: partnerships.updatedAt, value: (r) => r.updatedAt },
};

/** Without `orderBy`: in the order they were recorded, as before orderBy existed. */
const RECORDED: SortKey<PartnershipRow>[] = [{ name: "ID", sql: partnerships.id, value: (r) => r.id, direction: "ASC" }];

export function partnershipList(
  c: PartnershipCriteria,
  order?: readonly OrderTerm<PartnershipOrderField>[] | null,
): ListSpec<PartnershipRow> {
  return {
    table: partnerships,
    where: and(
      cityIn(partnerships.cityId, c.cities),
      cityIn(partnerships.partnerCityId, c.partners),
      inList(partnerships.kind, c.kind),
      inList(partnerships.status, c.status),
      equals(partnerships.provenance, c.provenance),
      citing("PARTNERSHIP", partnerships.id, c.cites),
    ),
    order: order && order.length > 0 ? sortKeys(sortable, order, []) : RECORDED,
  };
}
