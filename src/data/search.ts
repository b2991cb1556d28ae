/**
 * Persian-aware full-text search over names, acronyms, slugs and codes (SQLite FTS5).
 *
 * The same folding (`foldForSearch`) is applied to what is indexed and to what is asked, so
 * ي/ی, ك/ک, ZWNJ, tatweel, diacritics, Persian/Arabic digits and Latin case never decide a match.
 * Index rows are keyed by a rowid computed from (record type, id), so a record's entry is
 * replaced in place when the record changes.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/connection.js";
import { foldForSearch, searchTokens } from "../lib/persianText.js";

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
  return (parts ?? []).filter((p): p is string => Boolean(p)).map(foldForSearch).join(" ");
}

/** Insert or replace the index entries of these records. Call inside the writing transaction. */
export function indexForSearch(db: Db, documents: readonly SearchDocument[]): void {
  for (const doc of documents) {
    const rowid = rowidOf(doc.type, doc.id);
    db.run(sql`delete from search_index where rowid = ${rowid}`);
    db.run(sql`insert into search_index (rowid, record_type, record_id, keys, names, body)
               values (${rowid}, ${doc.type}, ${doc.id}, ${folded(doc.keys)}, ${folded(doc.names)}, ${folded(doc.body)})`);
  }
}

/** An FTS5 query in which every token must match as a prefix of a word; quotes keep tokens literal. */
export function ftsQuery(text: string): string | null {
  const tokens = searchTokens(text);
  if (tokens.length === 0) return null;
  return tokens.map((t) => `"${t.replaceAll('"', '""')}"*`).join(" AND ");
}

/**
 * Best matches first: records whose keys (slug, acronym, code) match come before the rest, because
 * someone who types an acronym means that record; then bm25 with names weighted over other text.
 */
export async function searchRecords(db: Db, text: string, limit: number): Promise<SearchMatch[]> {
  const query = ftsQuery(text);
  if (!query) return [];
  const rows = await db.all<{ type: SearchableType; id: number }>(sql`
    select record_type as type, record_id as id
    from search_index
    where search_index match ${query}
    order by rowid in (select rowid from search_index where search_index match ${`keys : (${query})`}) desc,
             bm25(search_index, 0, 0, 10.0, 5.0, 1.0), rowid
    limit ${limit}`);
  return rows.map((r) => ({ type: r.type, id: Number(r.id) }));
}
