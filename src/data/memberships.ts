/** Memberships of cities in organisations: filters and orderings. */
import { and, asc, eq, gte, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/connection.js";
import type { MembershipCategory, MembershipRole, MembershipStatus, Provenance } from "../../db/enums.js";
import { memberships } from "../../db/schema.js";
import { cityIn, equals, inList, organisationIn, type EntityRef } from "./conditions.js";
import { nullsAs, sortKeys, type OrderTerm, type SortableField } from "./ordering.js";
import type { ListSpec } from "./pagination.js";
import type { MembershipRow } from "./rows.js";
import { citing, type CitesCriteria } from "./sources.js";

export interface MembershipCriteria {
  status?: readonly MembershipStatus[] | null;
  role?: readonly MembershipRole[] | null;
  category?: readonly MembershipCategory[] | null;
  organisations?: readonly EntityRef[] | null;
  members?: readonly EntityRef[] | null;
  via?: readonly EntityRef[] | null;
  /** Memberships in force on this ISO date: started on or before it (or start unknown), not ended before it. */
  activeOn?: string | null;
  provenance?: Provenance | null;
  /** Records citing this source (at this fact). */
  cites?: CitesCriteria | null;
}

export const MEMBERSHIP_ORDER_FIELDS = ["START_DATE", "UPDATED_AT", "CREATED_AT"] as const;
export type MembershipOrderField = (typeof MEMBERSHIP_ORDER_FIELDS)[number];

const sortable: Record<MembershipOrderField, SortableField<MembershipRow>> = {
  START_DATE: nullsAs(memberships.startDate, "", (r) => r.startDate),
  UPDATED_AT: { sql: memberships.updatedAt, value: (r) => r.updatedAt },
  CREATED_AT: { sql: memberships.createdAt, value: (r) => r.createdAt },
};

export function membershipWhere(c: MembershipCriteria) {
  return and(
    inList(memberships.status, c.status),
    inList(memberships.role, c.role),
    inList(memberships.category, c.category),
    organisationIn(memberships.organisationId, c.organisations),
    cityIn(memberships.memberCityId, c.members),
    organisationIn(memberships.viaOrganisationId, c.via),
    c.activeOn
      ? and(
          or(isNull(memberships.startDate), lte(memberships.startDate, c.activeOn)),
          or(
            // A membership still in force has no end yet, or one after the day asked about ...
            and(
              inList(memberships.status, ["ACTIVE", "SUSPENDED"]),
              or(isNull(memberships.endDate), gte(memberships.endDate, c.activeOn)),
            ),
            // ... and one that has ended was in force only up to its known end.
            and(inList(memberships.status, ["LAPSED", "ENDED"]), gte(memberships.endDate, c.activeOn)),
          ),
        )
      : undefined,
    equals(memberships.provenance, c.provenance),
    citing("MEMBERSHIP", memberships.id, c.cites),
  );
}

export function membershipList(
  criteria: MembershipCriteria,
  order?: readonly OrderTerm<MembershipOrderField>[] | null,
): ListSpec<MembershipRow> {
  return {
    table: memberships,
    where: membershipWhere(criteria),
    order: sortKeys(sortable, order, [{ field: "START_DATE", direction: "ASC" }]),
  };
}

/** A city's memberships in force on a day, oldest first. */
export async function membershipsActiveOn(db: Db, cityId: number, day: string): Promise<MembershipRow[]> {
  return db
    .select()
    .from(memberships)
    .where(and(eq(memberships.memberCityId, cityId), membershipWhere({ activeOn: day })))
    .orderBy(asc(sql`coalesce(${memberships.startDate}, '')`), asc(memberships.id));
}
