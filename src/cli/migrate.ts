/** `npm run db:migrate`: applies pending migrations to the database DATABASE_URL names. */
import { loadConfig } from "../lib/config.js";
import { openConfiguredDatabase } from "./database.js";

const config = loadConfig();
const database = await openConfiguredDatabase(config);
await database.close();
console.log(`Migrated ${config.DATABASE_URL}`);
