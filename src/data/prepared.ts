/**
 * Statements the data layer prepares once per database and reuses for every request: drizzle
 * builds their SQL once, the driver prepares it once (PostgreSQL: a named statement per
 * connection), and each run only binds parameters. A request's lists and relations read through
 * these, so their cost per request is running the statement and mapping its rows.
 */
import type { Db } from "../../db/connection.js";
import { prepareRows, type PreparedRows } from "../../db/dialect/queries.js";

const statements = new WeakMap<Db, Map<string, PreparedRows>>();

/**
 * The statement `name` on `db`, built by `build` (a drizzle select with `sql.placeholder`s) the
 * first time. `name` must name one SQL text: PostgreSQL keys prepared statements by it.
 */
export function prepared(db: Db, name: string, build: () => { prepare(name?: string): unknown }): PreparedRows {
  let byName = statements.get(db);
  if (!byName) statements.set(db, (byName = new Map<string, PreparedRows>()));
  let statement = byName.get(name);
  if (!statement) {
    statement = prepareRows(build(), name);
    byName.set(name, statement);
  }
  return statement;
}
