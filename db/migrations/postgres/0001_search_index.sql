-- Full-text index for Persian-aware search, the PostgreSQL twin of SQLite's FTS5 table. The
-- application folds text (ي/ی, ك/ک, ZWNJ, tatweel, diacritics, digits, Latin case) and writes the
-- tokens joined by single spaces; the tsvector is built from those tokens with the 'simple'
-- configuration (lower-casing only, no stop words, no stemming), weighted keys A, names B, body D. Rows are maintained by the data layer in the
-- same transaction as the record they describe; `id` is SQLite's rowid (type * 2^40 + record id).
CREATE TABLE "search_index" (
	"id" bigint PRIMARY KEY NOT NULL,
	"record_type" text NOT NULL,
	"record_id" integer NOT NULL,
	"keys" text DEFAULT '' NOT NULL,
	"names" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"document" tsvector GENERATED ALWAYS AS (
		setweight(to_tsvector('simple', "keys"), 'A')
		|| setweight(to_tsvector('simple', "names"), 'B')
		|| setweight(to_tsvector('simple', "body"), 'D')
	) STORED
);
--> statement-breakpoint
CREATE INDEX "search_index_document" ON "search_index" USING gin ("document");
