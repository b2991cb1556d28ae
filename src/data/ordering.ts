/** Turns a client's orderBy list into sort keys, from a per-list table of what may be sorted on. */
import { sql, type Column, type SQL } from "drizzle-orm";
import type { SortDirection, SortKey, SortValueKind } from "./pagination.js";

export interface OrderTerm<Field extends string> {
  field: Field;
  direction: SortDirection;
}

export interface SortableField<Row> {
  sql: SQL | Column;
  value(row: Row): string | number;
  /** Needed when `sql` is an expression (see SortKey.kind). */
  kind?: SortValueKind;
}

/** A nullable column sorted with nulls first, so keyset comparisons never meet a NULL. */
export function nullsAs<Row>(
  column: Column,
  placeholder: string | number,
  read: (row: Row) => string | number | null,
): SortableField<Row> {
  return {
    sql: sql`coalesce(${column}, ${placeholder})`,
    value: (row) => read(row) ?? placeholder,
    kind: typeof placeholder === "number" ? "integer" : "text",
  };
}

export function sortKeys<Row, Field extends string>(
  fields: Record<Field, SortableField<Row>>,
  terms: readonly OrderTerm<Field>[] | null | undefined,
  fallback: readonly OrderTerm<Field>[],
): SortKey<Row>[] {
  const chosen = terms && terms.length > 0 ? terms : fallback;
  return chosen.map((term) => ({ name: term.field, direction: term.direction, ...fields[term.field] }));
}
