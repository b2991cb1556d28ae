/** `npm run db:migrate`: applies pending migrations to the database DATABASE_URL names. */
import { migrateDatabase, openDatabase } from "../../db/connection.js";
import { loadConfig } from "../lib/config.js";

const config = loadConfig();
const database = openDatabase({ url: config.DATABASE_URL });
migrateDatabase(database.db);
database.close();
console.log(`Migrated ${config.DATABASE_URL}`);
