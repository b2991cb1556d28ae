/** Which records a viewer may see through `node` beyond the public domain records. */
import type { AuditEventRow } from "../../data/audit.js";
import type { NodeTypeName } from "../../graphql/globalId.js";
import type { Viewer } from "../../graphql/viewer.js";

export function canSeeNode(viewer: Viewer, type: NodeTypeName, row: object): boolean {
  if (type === "ApiKey") return viewer.kind === "API_KEY" && viewer.key.role === "ADMIN";
  if (type === "AuditEvent") {
    if (viewer.kind !== "API_KEY") return false;
    if (viewer.key.role === "ADMIN") return true;
    return viewer.key.role === "PARTNER" && (row as AuditEventRow).organisationId === viewer.key.organisationId;
  }
  return true;
}
