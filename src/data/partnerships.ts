/** City-to-city partnerships. */
import { and } from "drizzle-orm";
import type { PartnershipKind, PartnershipStatus, Provenance } from "../../db/enums.js";
import { partnerships } from "../../db/schema.js";
import { cityIn, equals, inList, type EntityRef } from "./conditions.js";
import type { ListSpec } from "./pagination.js";
import type { PartnershipRow } from "./rows.js";

export interface PartnershipCriteria {
  cities?: readonly EntityRef[] | null;
  partners?: readonly EntityRef[] | null;
  kind?: readonly PartnershipKind[] | null;
  status?: readonly PartnershipStatus[] | null;
  provenance?: Provenance | null;
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
    ),
    order: [{ name: "ID", sql: partnerships.id, value: (r) => r.id, direction: "ASC" }],
  };
}
