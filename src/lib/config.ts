/**
 * Configuration from the environment, validated once at start-up: a bad value stops the process
 * with a message naming the variable, instead of surfacing later as an obscure failure.
 */
import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

function booleanSetting(fallback: boolean) {
  return z
    .enum(["true", "false", "1", "0"], { message: 'must be "true" or "false"' })
    .default(fallback ? "true" : "false")
    .transform((v) => v === "true" || v === "1");
}

const configSchema = z.object({
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, "must be a port number, 0..65535")
    .default("4000")
    .transform(Number)
    .pipe(z.number().max(65535, "must be a port number, 0..65535")),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .min(1)
    .default("file:./data/footprint.sqlite")
    .refine((url) => url === ":memory:" || url.startsWith("file:") || /^postgres(ql)?:\/\//.test(url), {
      message: 'must be "file:<path>" or ":memory:" (SQLite), or "postgres://..." (PostgreSQL)',
    }),
  /** PostgreSQL only: the schema Footprint's tables live in (created if missing). */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a lower-case SQL identifier")
    .default("public"),
  /** PostgreSQL only: connections per API instance. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  /** The city `footprint` and `series` describe when no city is given. */
  HOME_CITY: z
    .string()
    .regex(/^[a-z0-9-]+$/, "must be a city slug such as tehran")
    .default("tehran"),
  /** Production unless told otherwise: a public server must not send stack traces by default. */
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  /** Introspection stays on (a public data API, as GitHub's is) unless switched off. */
  INTROSPECTION: booleanSetting(true),
  /** A JSON allow-list of operations; when set, only those operations run (trusted documents). */
  TRUSTED_DOCUMENTS: z.string().min(1).optional(),
  /** Cost points per hour for anonymous clients (per address) and for API keys (per key). */
  RATE_LIMIT_ANONYMOUS: z.coerce.number().int().positive().default(100_000),
  RATE_LIMIT_KEY: z.coerce.number().int().positive().default(500_000),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(3600),
  /** Megabytes of whole answers kept in memory, keyed by the data version (src/http/responseCache.ts); 0 turns it off. */
  RESPONSE_CACHE_MB: z.coerce.number().min(0).max(4096).default(64),
  /** How long a request may execute before it is stopped (milliseconds). */
  EXECUTION_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** How long shutdown waits for requests in flight (milliseconds). */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** How often the idle collector looks at the event loop (milliseconds); 0 turns it off. */
  IDLE_COLLECT_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, as a shell's `VAR= cmd` usually means "no value".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = issue.path.join(".");
      return `  ${name}=${JSON.stringify(env[name] ?? "")}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
