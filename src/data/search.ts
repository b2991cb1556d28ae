/**
 * Persian-aware full-text search over names, acronyms, slugs and codes: SQLite FTS5, or on
 * PostgreSQL a tsvector column generated from the same folded text (db/migrations/postgres).
 *
 * The same folding (`foldForSearch`) is applied to what is indexed and to what is asked, so
 * ي/ی, ك/ک, ZWNJ, tatweel, diacritics, Persian/Arabic digits and Latin case never decide a match.
 * Index rows are keyed by a rowid computed from (record type, id), so a record's entry is
 * replaced in place when the record changes.
 *
 * Folding and tokenising happen here, in JavaScript, for both dialects: the folded text is the
 * tokens joined by single spaces (letters, marks and digits only), which PostgreSQL's 'simple'
 * configuration splits back into the same tokens, so both backends match the same records. Ranking is by weighted column (keys over names over body): bm25 on SQLite,
 * ts_rank on PostgreSQL, so ties among equally good matches may order differently.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/connection.js";
import { runStatement, selectRows } from "../../db/dialect/queries.js";
import { activeDialect } from "../../db/schema.js";
import { foldForSearch, searchTokenAlternatives } from "../lib/persianText.js";

export const SEARCHABLE_TYPES = ["CITY", "COUNTRY", "ORGANISATION", "EVENT", "TRIP"] as const;
export type SearchableType = (typeof SEARCHABLE_TYPES)[number];

/** What one record contributes to the index. `keys` (slugs, acronyms, codes) rank above `names`, `names` above `body`. */
export interface SearchDocument {
  type: SearchableType;
  id: number;
  keys: (string | null | undefined)[];
  names: (string | null | undefined)[];
  body?: (string | null | undefined)[];
}

export interface SearchMatch {
  type: SearchableType;
  id: number;
}

const ID_SPACE = 2 ** 40;

function rowidOf(type: SearchableType, id: number): number {
  return (SEARCHABLE_TYPES.indexOf(type) + 1) * ID_SPACE + id;
}

function folded(parts: (string | null | undefined)[] | undefined): string {
  return (parts ?? [])
    .filter((p): p is string => Boolean(p))
    .map(foldForSearch)
    .filter((p) => p !== "")
    .join(" ");
}

/** Insert or replace the index entries of these records. Call inside the writing transaction. */
export async function indexForSearch(db: Db, documents: readonly SearchDocument[]): Promise<void> {
  const key = activeDialect() === "postgres" ? sql`id` : sql`rowid`;
  // Many entries per statement (the seed indexes thousands), well under the drivers' parameter limits.
  for (let i = 0; i < documents.length; i += 400) {
    const chunk = documents.slice(i, i + 400);
    const rowids = chunk.map((doc) => rowidOf(doc.type, doc.id));
    await runStatement(
      db,
      sql`delete from search_index where ${key} in (${sql.join(
        rowids.map((r) => sql`${r}`),
        sql`, `,
      )})`,
    );
    const rows = chunk.map(
      (doc, j) => sql`(${rowids[j]}, ${doc.type}, ${doc.id}, ${folded(doc.keys)}, ${folded(doc.names)}, ${folded(doc.body)})`,
    );
    await runStatement(
      db,
      sql`insert into search_index (${key}, record_type, record_id, keys, names, body) values ${sql.join(rows, sql`, `)}`,
    );
  }
}

/**
 * An FTS5 query in which every token must match as a prefix of a word; quotes keep tokens literal.
 * Each reading of the text (`searchTokenAlternatives`: a ZWNJ typed as a space) is one AND group,
 * the groups joined by OR, so the query stays an index look-up.
 */
export function ftsQuery(text: string): string | null {
  const alternatives = searchTokenAlternatives(text);
  if (alternatives.length === 0) return null;
  const group = (tokens: string[]) => tokens.map((t) => `"${t.replaceAll('"', '""')}"*`).join(" AND ");
  return alternatives.length === 1 ? group(alternatives[0]) : alternatives.map((a) => `(${group(a)})`).join(" OR ");
}

/** The same query as a PostgreSQL tsquery; `weight` "A" restricts every token to the keys. */
export function tsQuery(text: string, weight = ""): string | null {
  const alternatives = searchTokenAlternatives(text);
  if (alternatives.length === 0) return null;
  const group = (tokens: string[]) =>
    tokens.map((t) => `'${t.replaceAll("'", "''").replaceAll("\\", "\\\\")}':*${weight}`).join(" & ");
  return alternatives.length === 1 ? group(alternatives[0]) : alternatives.map((a) => `(${group(a)})`).join(" | ");
}

/**
 * Best matches first: records whose keys (slug, acronym, code) match come before the rest, because
 * someone who types an acronym means that record; then by rank with names weighted over other text.
 */
export async function searchRecords(db: Db, text: string, limit: number): Promise<SearchMatch[]> {
  const rows = activeDialect() === "postgres" ? await searchPostgres(db, text, limit) : await searchSqlite(db, text, limit);
  return rows.map((r) => ({ type: r.type, id: Number(r.id) }));
}

type MatchRow = { type: SearchableType; id: number | string };

async function searchSqlite(db: Db, text: string, limit: number): Promise<MatchRow[]> {
  const query = ftsQuery(text);
  if (!query) return [];
  return selectRows<MatchRow>(
    db,
    sql`
    select record_type as type, record_id as id
    from search_index
    where search_index match ${query}
    order by rowid in (select rowid from search_index where search_index match ${`keys : (${query})`}) desc,
             bm25(search_index, 0, 0, 10.0, 5.0, 1.0), rowid
    limit ${limit}`,
  );
}

async function searchPostgres(db: Db, text: string, limit: number): Promise<MatchRow[]> {
  const query = tsQuery(text);
  if (!query) return [];
  // ts_rank's weights are {D, C, B, A}: body is D, names B, keys A, as 1 : 5 : 10 in bm25 above;
  // normalisation 1 (rank / (1 + log length)) prefers the shorter of two equal matches, as bm25 does.
  return selectRows<MatchRow>(
    db,
    sql`
    select record_type as type, record_id as id
    from search_index
    where document @@ ${query}::tsquery
    order by document @@ ${tsQuery(text, "A")}::tsquery desc,
             ts_rank('{0.1, 0, 0.5, 1.0}', document, ${query}::tsquery, 1) desc, id
    limit ${limit}`,
  );
}
