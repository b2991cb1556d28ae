/** Reading the audit log: who wrote what, when. */
import { and, eq } from "drizzle-orm";
import { auditEvents } from "../../db/schema.js";
import type { ListSpec } from "./pagination.js";

export type AuditEventRow = typeof auditEvents.$inferSelect;

export interface AuditCriteria {
  /** Only events written for this organisation (a PARTNER's own history). */
  organisationId?: number | null;
  operation?: string | null;
  actor?: string | null;
}

export function auditList(c: AuditCriteria): ListSpec<AuditEventRow> {
  return {
    table: auditEvents,
    where: and(
      c.organisationId !== undefined && c.organisationId !== null ? eq(auditEvents.organisationId, c.organisationId) : undefined,
      c.operation ? eq(auditEvents.operation, c.operation) : undefined,
      c.actor ? eq(auditEvents.actor, c.actor) : undefined,
    ),
    order: [{ name: "ID", sql: auditEvents.id, value: (r) => r.id, direction: "DESC" }],
  };
}
