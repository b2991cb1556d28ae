/**
 * Problems with a write's input, reported to the client as `userErrors` (never as exceptions):
 * a write with any user error writes nothing.
 */
export type UserErrorCode = "INVALID" | "NOT_FOUND" | "CONFLICT" | "VERSION_MISMATCH" | "FORBIDDEN";

export interface UserError {
  /** Path to the input field, e.g. ["input", "memberships", "3", "startDate"]. */
  field: string[] | null;
  message: string;
  code: UserErrorCode;
}

/** Collects user errors while an input is checked, so all of them are reported at once. */
export class UserErrorList {
  readonly errors: UserError[] = [];

  add(field: (string | number)[] | null, message: string, code: UserErrorCode = "INVALID"): void {
    this.errors.push({ field: field?.map(String) ?? null, message, code });
  }

  get any(): boolean {
    return this.errors.length > 0;
  }
}
