/** Reads a CSV with the Frictionless `tableschema` library, casting every row to a table schema. */
import { Table } from "tableschema";

/**
 * The problems of each row that does not cast (type, format, constraint, primary key), as
 * messages; empty when every row casts. `bom`: the file starts with a byte-order mark.
 */
export async function castErrors(
  path: string,
  schema: object,
  options: { bom?: boolean } = {},
): Promise<{ rows: number; errors: string[] }> {
  const table = await Table.load(path, { schema, delimiter: ",", bom: options.bom ?? false });
  // The library's typings declare read() synchronous; it returns a promise.
  const rows = (await (table.read({ forceCast: true }) as unknown as Promise<unknown[]>)) ?? [];
  const errors = rows
    .filter((row): row is Error & { errors?: Error[] } => row instanceof Error)
    .map((e) => [e.message, ...(e.errors ?? []).map((inner) => inner.message)].join(" "));
  return { rows: rows.length, errors };
}
