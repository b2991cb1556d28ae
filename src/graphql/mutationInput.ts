/**
 * Helpers for reading mutation input: references that become user errors instead of exceptions.
 * Fields are paths into the write (["destinations", 2]), as the data layer's checks take them.
 */
import { GraphQLError } from "graphql";
import type { EntityRef } from "../data/conditions.js";
import type { UserErrorList } from "../data/writes/userErrors.js";
import type { NodeTypeName } from "./globalId.js";
import { fromGlobalId } from "./globalId.js";
import { entityRef } from "./refs.js";
import { argumentPath } from "./userErrors.js";

/** A slug-or-ID reference; a wrong-type ID becomes an INVALID user error (and a placeholder that matches nothing). */
export function inputRef(value: string, type: NodeTypeName, field: (string | number)[], errors: UserErrorList): EntityRef {
  try {
    return entityRef(value, type, argumentPath(field).join("."));
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    errors.add(field, error.message);
    return { publicId: "" };
  }
}

/** The public id inside a global ID of `type`; an INVALID user error otherwise. */
export function inputId(value: string, type: NodeTypeName, field: (string | number)[], errors: UserErrorList): string | null {
  const decoded = fromGlobalId(value);
  if (!decoded || decoded.type !== type) {
    errors.add(field, `Expected the ID of a ${type}; got "${value}".`);
    return null;
  }
  return decoded.publicId;
}
