/** The database the configuration names, opened and migrated, for the command-line tools. */
import { migrateDatabase, openDatabase, type DatabaseHandle } from "../../db/connection.js";
import type { Config } from "../lib/config.js";

export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  const database = await openDatabase({ url: config.DATABASE_URL, schemaName: config.DATABASE_SCHEMA, poolSize: 2 });
  await migrateDatabase(database);
  return database;
}
