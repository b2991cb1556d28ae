/**
 * Problems with a write's input, reported to the client as `userErrors` (never as exceptions):
 * a write with any user error writes nothing.
 */
import { UserErrorCode } from "../../lib/errorCodes.js";

export interface UserError {
  /**
   * Path to the field in the write, e.g. ["memberships", "3", "startDate"]; the GraphQL layer maps
   * it onto the mutation's arguments (graphql/userErrors.ts). null: the write as a whole.
   */
  field: string[] | null;
  message: string;
  code: UserErrorCode;
}

/** Collects user errors while an input is checked, so all of them are reported at once. */
export class UserErrorList {
  readonly errors: UserError[] = [];

  add(field: (string | number)[] | null, message: string, code: UserErrorCode = UserErrorCode.INVALID): void {
    this.errors.push({ field: field?.map(String) ?? null, message, code });
  }

  get any(): boolean {
    return this.errors.length > 0;
  }
}
