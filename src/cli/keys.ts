/**
 * `npm run keys -- <command>`: manages API keys in the database DATABASE_URL names.
 *
 *   create --role EDITOR|PARTNER|ADMIN --name "<name>" [--organisation <slug>]
 *       prints the new key alone on its last line (it is shown only this once)
 *   list                 every key: id, role, organisation, name, prefix, created, last used, revoked
 *   revoke <id>          revokes a key at once
 */
import { parseArgs } from "node:util";
import { API_KEY_ROLES, type ApiKeyRole } from "../../db/enums.js";
import { ApiKeyError, createApiKey, listApiKeys, revokeApiKey } from "../data/apiKeys.js";
import { openConfiguredDatabase } from "./database.js";
import { ConfigError, loadConfig } from "../lib/config.js";

const USAGE = `Usage:
  npm run keys -- create --role EDITOR|PARTNER|ADMIN --name "<name>" [--organisation <slug>]
  npm run keys -- list
  npm run keys -- revoke <id>`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      role: { type: "string" },
      name: { type: "string" },
      organisation: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const database = await openConfiguredDatabase(config);
  try {
    switch (command) {
      case "create": {
        const role = values.role?.toUpperCase();
        if (!role || !(API_KEY_ROLES as readonly string[]).includes(role))
          fail(`--role must be one of ${API_KEY_ROLES.join(", ")}.\n${USAGE}`);
        if (!values.name) fail(`--name is required.\n${USAGE}`);
        const { key, secret } = await createApiKey(database.db, {
          name: values.name,
          role: role as ApiKeyRole,
          organisationSlug: values.organisation ?? null,
        });
        console.log(
          `Created ${key.role} key "${key.name}" (id ${key.publicId}${values.organisation ? `, organisation ${values.organisation}` : ""}).`,
        );
        console.log("The key is shown only now; store it safely. It is the last line:");
        console.log(secret);
        return;
      }
      case "list": {
        const keys = await listApiKeys(database.db);
        if (keys.length === 0) console.log("No API keys.");
        for (const k of keys) {
          console.log(
            [
              k.publicId,
              k.role,
              k.organisationSlug ?? "-",
              JSON.stringify(k.name),
              `${k.keyPrefix}…`,
              `created ${k.createdAt}`,
              `last used ${k.lastUsedAt ?? "never"}`,
              k.revokedAt ? `REVOKED ${k.revokedAt}` : "active",
            ].join("  "),
          );
        }
        return;
      }
      case "revoke": {
        if (rest.length !== 1) fail(`revoke takes one key id (see \`keys list\`).\n${USAGE}`);
        const key = await revokeApiKey(database.db, rest[0]);
        if (!key) fail(`No active key has the id "${rest[0]}".`);
        console.log(`Revoked ${key.role} key "${key.name}" (id ${key.publicId}).`);
        return;
      }
      default:
        fail(`Unknown command "${command}".\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof ApiKeyError) fail(error.message);
    throw error;
  } finally {
    await database.close();
  }
}

await main();
