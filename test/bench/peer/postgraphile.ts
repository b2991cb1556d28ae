/**
 * The peer of `npm run bench -- --backend postgres --peer postgraphile`: PostGraphile 5 (a generic
 * GraphQL engine that compiles each query into one SQL statement) serving the same PostgreSQL
 * database Footprint serves, so the two answer the same researcher page and node lookup from the
 * same rows.
 *
 * PostGraphile introspects the tables (db/schema.postgres.ts) with its Amber preset: a connection
 * per table with `condition` and `orderBy` on every column, relations along the foreign keys, the
 * Node interface (`node(id:)`; a table's own `id` column becomes `rowId`). Citations are the one
 * polymorphic relation (record_sources names its record by type and id, with no foreign key), so
 * the benchmark gives the peer what a PostGraphile user would write for it: a computed column,
 * `trips_sources(trips)`, a set-returning SQL function PostGraphile exposes as `Trip.sources`.
 *
 * The config (graphile.config.mjs) and a small server (server.mjs, node:http + grafserv, with a
 * /healthz the benchmark polls) are written into the toolchain folder on every run. Production
 * settings: no GraphiQL, no watch mode, no EXPLAIN.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";

const CONFIG = `// Written by test/bench/peer/postgraphile.ts for \`npm run bench -- --peer postgraphile\`.
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";

export default {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ["public"],
      poolConfig: { max: Number(process.env.POOL_SIZE ?? 10) },
    }),
  ],
  grafserv: { graphiql: false, watch: false, graphqlPath: "/graphql" },
  grafast: { explain: false },
};
`;

const SERVER = `// Written by test/bench/peer/postgraphile.ts: PostGraphile behind node:http, as its docs show.
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { grafserv } from "postgraphile/grafserv/node";
import preset from "./graphile.config.mjs";

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
// The schema is built before the server listens, so /healthz answering means ready.
await pgl.getSchema();
const handler = serv.createHandler();
const server = createServer((req, res) => {
  if (req.url === "/healthz") res.writeHead(200, { "content-type": "text/plain" }).end("ok");
  else handler(req, res);
});
server.listen(Number(process.env.PORT), process.env.HOST ?? "127.0.0.1");
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => server.close(() => pgl.release().then(() => process.exit(0))));
`;

/** The computed column the peer's researcher page reads its citations through (see above). */
const TRIP_SOURCES_FUNCTION = `
create or replace function trips_sources(t trips) returns setof record_sources
language sql stable as $$
  select * from record_sources where record_type = 'TRIP' and record_id = t.id order by id
$$`;

/** Writes the peer's server and config into `peerDir`; returns the command line to start it. */
export async function preparePostGraphile(peerDir: string, databaseUrl: string): Promise<string[]> {
  writeFileSync(join(peerDir, "graphile.config.mjs"), CONFIG);
  writeFileSync(join(peerDir, "server.mjs"), SERVER);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(TRIP_SOURCES_FUNCTION);
    // Its column row_id clashes with the rowId PostGraphile names every id column; nothing here reads it.
    await client.query(`comment on table row_versions is '@behavior -*'`);
  } finally {
    await client.end();
  }
  return [join(peerDir, "server.mjs")];
}
