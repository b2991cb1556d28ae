/**
 * Opaque global IDs: base64url("<Type>:<publicId>"). Clients must treat them as opaque; the server
 * can tell a malformed ID from an ID of another type, and never exposes integer keys.
 */
export const NODE_TYPES = [
  "Country",
  "City",
  "Organisation",
  "Membership",
  "Event",
  "Attendance",
  "Trip",
  "Partnership",
  "Source",
  "ApiKey",
  "AuditEvent",
] as const;
export type NodeTypeName = (typeof NODE_TYPES)[number];

export interface DecodedGlobalId {
  type: NodeTypeName;
  publicId: string;
}

export function toGlobalId(type: NodeTypeName, publicId: string): string {
  return Buffer.from(`${type}:${publicId}`, "utf8").toString("base64url");
}

/** The type and public id inside a global ID, or null when it is not one this API issued. */
export function fromGlobalId(id: string): DecodedGlobalId | null {
  if (!/^[A-Za-z0-9_-]{4,200}$/.test(id)) return null;
  const decoded = Buffer.from(id, "base64url").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 1) return null;
  const type = decoded.slice(0, colon);
  const publicId = decoded.slice(colon + 1);
  if (!(NODE_TYPES as readonly string[]).includes(type) || publicId.length === 0) return null;
  // Public ids are printable: a control character (a NUL above all) names no record.
  if ([...publicId].some((ch) => ch.charCodeAt(0) < 0x20)) return null;
  // Re-encoding must give the same text, so that two spellings never name one node.
  if (toGlobalId(type as NodeTypeName, publicId) !== id) return null;
  return { type: type as NodeTypeName, publicId };
}

/** Tag a row with its GraphQL type so Node and union fields can resolve it. */
export const NODE_TYPE = Symbol("nodeType");
export type Tagged<Row> = Row & { [NODE_TYPE]: NodeTypeName };

export function tagNode<Row extends object>(type: NodeTypeName, row: Row): Tagged<Row> {
  return Object.assign(row, { [NODE_TYPE]: type });
}
