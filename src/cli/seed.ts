/** `npm run seed`: migrates, then loads the seed dataset (idempotent: present records are kept). */
import { loadSeed } from "../../seeds/loadSeed.js";
import { loadConfig } from "../lib/config.js";
import { openConfiguredDatabase } from "./database.js";

const config = loadConfig();
const database = await openConfiguredDatabase(config);
const summary = await loadSeed(database);
await database.close();
console.log(`Seeded ${config.DATABASE_URL}: ${summary.inserted} records inserted, ${summary.existing} already present.`);
