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
import { createHash } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/connection.js";
import { runStatement, selectRows } from "../../db/dialect/queries.js";
import { activeDialect } from "../../db/schema.js";
import { CursorError } from "./pagination.js";
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
 *
 * Results page by keyset like every list (src/data/pagination.ts), on (keyHit DESC, score ASC,
 * rowid ASC): `keyHit` is 1 when the keys match, `score` is bm25 on SQLite (lower is better) and
 * minus ts_rank on PostgreSQL, both as double precision so a cursor carries them exactly. The
 * matches are ranked once in a materialised CTE (ranking needs every match anyway, as before
 * paging), then the page is cut after or before the cursor's position.
 */
export interface SearchOptions {
  types?: readonly SearchableType[] | null;
  first?: number;
  last?: number;
  after?: string;
  before?: string;
}

export interface SearchPage {
  matches: SearchMatch[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

type Position = [keyHit: number, score: number, rowid: number];
type MatchRow = { type: SearchableType; id: number | string; k: number | string; s: number | string; rid: number | string };

const SEARCH_LIST = "search";

/** Names the search a cursor belongs to (text as folded, and types), so it is never used for another. */
function searchSignature(text: string, types: readonly SearchableType[] | null | undefined): string {
  const what = JSON.stringify([foldForSearch(text), [...(types ?? [])].sort()]);
  return createHash("sha256").update(what).digest("base64url").slice(0, 16);
}

function encodeSearchCursor(signature: string, position: Position): string {
  return Buffer.from(JSON.stringify([SEARCH_LIST, signature, ...position]), "utf8").toString("base64url");
}

function decodeSearchCursor(signature: string, cursor: string): Position {
  const malformed = () => new CursorError(`Malformed cursor "${cursor}": not a cursor this API issued.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw malformed();
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== "string") throw malformed();
  if (parsed[0] !== SEARCH_LIST)
    throw new CursorError(
      `Cursor "${cursor}" is a cursor of another list (${parsed[0].slice(0, 40)}), not of search; start again without it.`,
    );
  if (parsed[1] !== signature)
    throw new CursorError(`Cursor "${cursor}" was issued for another search (text or types); start again without it.`);
  const [k, score, rowid] = parsed.slice(2) as unknown[];
  if (
    parsed.length !== 5 ||
    (k !== 0 && k !== 1) ||
    typeof score !== "number" ||
    !Number.isFinite(score) ||
    typeof rowid !== "number" ||
    !Number.isSafeInteger(rowid) ||
    rowid < 0
  )
    throw malformed();
  return [k, score, rowid];
}

/** Rows strictly beyond `p` in the order (k DESC, s ASC, rid ASC), or before it when `backwards`. */
function beyond(p: Position, backwards: boolean): SQL {
  const [k, score, rowid] = p;
  const double = activeDialect() === "postgres" ? sql`::float8` : sql``;
  const bigint = activeDialect() === "postgres" ? sql`::bigint` : sql``;
  return backwards
    ? sql`(k > ${k} or (k = ${k} and (s < ${score}${double} or (s = ${score}${double} and rid < ${rowid}${bigint}))))`
    : sql`(k < ${k} or (k = ${k} and (s > ${score}${double} or (s = ${score}${double} and rid > ${rowid}${bigint}))))`;
}

/** The ranked matches as a CTE body: type, id, k, s, rid; null when the text has nothing to match. */
function rankedMatches(text: string, types: readonly SearchableType[] | null | undefined): SQL | null {
  const typeFilter =
    types && types.length > 0
      ? sql` and record_type in (${sql.join(
          types.map((t) => sql`${t}`),
          sql`, `,
        )})`
      : sql``;
  if (activeDialect() === "postgres") {
    const query = tsQuery(text);
    if (!query) return null;
    // ts_rank's weights are {D, C, B, A}: body is D, names B, keys A, as 1 : 5 : 10 in bm25 below;
    // normalisation 1 (rank / (1 + log length)) prefers the shorter of two equal matches, as bm25 does.
    return sql`select record_type as type, record_id as id,
        (document @@ ${tsQuery(text, "A")}::tsquery)::int as k,
        (-ts_rank('{0.1, 0, 0.5, 1.0}', document, ${query}::tsquery, 1))::float8 as s,
        id as rid
      from search_index where document @@ ${query}::tsquery${typeFilter}`;
  }
  const query = ftsQuery(text);
  if (!query) return null;
  return sql`select record_type as type, record_id as id,
      (rowid in (select rowid from search_index where search_index match ${`keys : (${query})`})) as k,
      bm25(search_index, 0, 0, 10.0, 5.0, 1.0) as s,
      rowid as rid
    from search_index where search_index match ${query}${typeFilter}`;
}

export async function searchPage(db: Db, text: string, options: SearchOptions): Promise<SearchPage> {
  const signature = searchSignature(text, options.types);
  const backwards = options.last !== undefined;
  const limit = (backwards ? options.last : options.first) ?? 20;
  const conditions: SQL[] = [];
  if (options.after !== undefined) conditions.push(beyond(decodeSearchCursor(signature, options.after), false));
  if (options.before !== undefined) conditions.push(beyond(decodeSearchCursor(signature, options.before), true));
  const ranked = rankedMatches(text, options.types);
  if (!ranked) return { matches: [], cursors: [], hasNextPage: false, hasPreviousPage: false };
  const where = conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const order = backwards ? sql`k asc, s desc, rid desc` : sql`k desc, s asc, rid asc`;
  const fetched = await selectRows<MatchRow>(
    db,
    sql`with ranked as materialized (${ranked}) select type, id, k, s, rid from ranked ${where} order by ${order} limit ${limit + 1}`,
  );
  const more = fetched.length > limit;
  const rows = fetched.slice(0, limit);
  if (backwards) rows.reverse();
  return {
    matches: rows.map((r) => ({ type: r.type, id: Number(r.id) })),
    cursors: rows.map((r) => encodeSearchCursor(signature, [Number(r.k), Number(r.s), Number(r.rid)])),
    hasNextPage: backwards ? options.before !== undefined : more,
    hasPreviousPage: backwards ? more : options.after !== undefined,
  };
}

export async function searchCount(db: Db, text: string, types?: readonly SearchableType[] | null): Promise<number> {
  const ranked = rankedMatches(text, types);
  if (!ranked) return 0;
  const [row] = await selectRows<{ n: number | string }>(
    db,
    sql`with ranked as materialized (${ranked}) select count(*) as n from ranked`,
  );
  return Number(row?.n ?? 0);
}

/** The first `limit` matches, best first. */
export async function searchRecords(
  db: Db,
  text: string,
  limit: number,
  types?: readonly SearchableType[] | null,
): Promise<SearchMatch[]> {
  return (await searchPage(db, text, { first: limit, types })).matches;
}
