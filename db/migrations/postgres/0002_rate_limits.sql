-- Rate-limit budgets shared by every API instance on this database (rate-limiter-flexible's
-- RateLimiterPostgres layout: one row per client key and window, `expire` in epoch milliseconds).
CREATE TABLE "rate_limits" (
	"key" varchar(255) PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" bigint
);
