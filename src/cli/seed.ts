/** `npm run seed`: migrates, then loads the seed dataset (idempotent: present records are kept). */
import { migrateDatabase, openDatabase } from "../../db/connection.js";
import { loadSeed } from "../../seeds/loadSeed.js";
import { loadConfig } from "../lib/config.js";

const config = loadConfig();
const database = openDatabase({ url: config.DATABASE_URL });
migrateDatabase(database.db);
const summary = loadSeed(database.db);
database.close();
console.log(`Seeded ${config.DATABASE_URL}: ${summary.inserted} records inserted, ${summary.existing} already present.`);
