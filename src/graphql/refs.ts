/** Arguments that name a record by global ID or by slug (clients may give either). */
import type { EntityRef } from "../data/conditions.js";
import { badUserInput } from "./errors.js";
import { fromGlobalId, type NodeTypeName } from "./globalId.js";

export function entityRef(value: string, type: NodeTypeName, argument: string): EntityRef {
  const decoded = fromGlobalId(value);
  if (decoded) {
    if (decoded.type !== type)
      throw badUserInput(`\`${argument}\` expects a ${type} ID or slug; "${value}" is the ID of a ${decoded.type}.`, argument);
    return { publicId: decoded.publicId };
  }
  return { slug: value };
}
