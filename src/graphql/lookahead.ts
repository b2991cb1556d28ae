/**
 * Look-ahead on a field's selection: which fields of its (object or list) value the query asks for,
 * so a resolver can read only the columns those fields need. Each type that reads this way declares
 * one table from its fields to its columns (`columnsFor`), next to the type.
 */
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

/**
 * graphql-js hands every item of a list the same `fieldNodes` array (it memoises the collected
 * sub-fields per parent), so the 50 trips of a page look ahead once.
 */
const selections = new WeakMap<readonly FieldNode[], ReadonlySet<string>>();

/**
 * The names of the fields selected on the value of the field being resolved, through fragment
 * spreads and inline fragments. `@skip`/`@include` and type conditions are ignored: a field that
 * may be asked for is counted as asked for, so the answer is never short of a column.
 */
export function selectedFields(info: GraphQLResolveInfo): ReadonlySet<string> {
  let names = selections.get(info.fieldNodes);
  if (!names) {
    const found = new Set<string>();
    const seen = new Set<string>();
    const visit = (set: SelectionSetNode | undefined) => {
      for (const selection of set?.selections ?? []) {
        if (selection.kind === Kind.FIELD) found.add(selection.name.value);
        else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
        else if (!seen.has(selection.name.value)) {
          seen.add(selection.name.value);
          visit(info.fragments[selection.name.value]?.selectionSet);
        }
      }
    };
    for (const node of info.fieldNodes) visit(node.selectionSet);
    selections.set(info.fieldNodes, (names = found));
  }
  return names;
}

/**
 * A type's look-ahead: from the selection on a field of that type, the columns `table` (field →
 * the columns its resolver reads) says are needed, `always` first and the rest sorted, so one
 * selection names one column list (and one prepared statement). Memoised per selection like
 * `selectedFields`. The number of column lists is bounded by the table: at most one per subset
 * of its columns.
 */
export function columnLookahead<Field extends string, Column extends string>(
  table: Readonly<Record<Field, readonly Column[]>>,
  always: readonly Column[],
): (info: GraphQLResolveInfo) => readonly Column[] {
  const known = new WeakMap<readonly FieldNode[], readonly Column[]>();
  const fields = Object.keys(table) as Field[];
  return (info) => {
    let columns = known.get(info.fieldNodes);
    if (!columns) {
      const selected = selectedFields(info);
      const wanted = new Set<Column>();
      for (const field of fields) if (selected.has(field)) for (const column of table[field]) wanted.add(column);
      for (const column of always) wanted.delete(column);
      columns = [...always, ...[...wanted].sort()];
      known.set(info.fieldNodes, columns);
    }
    return columns;
  };
}
