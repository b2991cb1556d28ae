/** City-to-city partnerships. */
import { and } from "drizzle-orm";
import type { PartnershipKind, PartnershipStatus, Provenance } from "../../db/enums.js";
import { partnerships } from "../../db/schema.js";
import { cityIn, equals, inList, type EntityRef } from "./conditions.js";
import type { ListSpec } from "./pagination.js";
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

export function partnershipList(c: PartnershipCriteria): ListSpec<PartnershipRow> {
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
    order: [{ name: "ID", sql: partnerships.id, value: (r) => r.id, direction: "ASC" }],
  };
}
