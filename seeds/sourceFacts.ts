/**
 * The sources the seed dataset cites, read from their facts files (`seeds/sources/<id>.md`, one
 * per source; the format is in seeds/sources/README.md). Adding a source is adding a file: the
 * loader writes every file's source into `sources`, and the seed test checks every citation against
 * the file's table of what each fact states.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SOURCE_KINDS, type SourceKind } from "../db/enums.js";
import { CITED_RECORD_TYPES, type CitedRecordType } from "../src/lib/recordFields.js";

export type FieldPrecision = "YEAR" | "MONTH" | "DAY";

/** One row of "What each fact states": the fields of one record a fact states. */
export interface FactStatement {
  fact: string;
  recordType: CitedRecordType;
  recordKey: string;
  /** Seed field names; `precision` when the fact states a date only to the year or month. */
  fields: { name: string; precision?: FieldPrecision }[];
}

export interface SourceFacts {
  id: string;
  /** The file's first heading. */
  heading: string;
  /** The publisher's English name (the header's name without the parenthesised original). */
  publisher: string;
  title: string;
  url: string | null;
  /** Gregorian `YYYY-MM-DD`. */
  publishedOn: string | null;
  language: string;
  kind: SourceKind;
  /** Fact number ("F5") to its text. */
  facts: Map<string, string>;
  statements: FactStatement[];
}

const HEADER = /^- (Id|Publisher|Title|URL|Published|Language|Kind):\s*(.*)$/;
const FACT = /^- (F\d+)\.\s+(.*)$/;
const FIELD = /^([A-Za-z]+)(?:\s*\((YEAR|MONTH|DAY)\))?$/;

/** Parses one facts file; throws naming the file and line for anything it cannot read. */
export function parseSourceFacts(text: string, fileName = "<facts file>"): SourceFacts {
  const header = new Map<string, string>();
  const facts = new Map<string, string>();
  const statements: FactStatement[] = [];
  let heading = "";
  let section = "";
  let lastFact: string | null = null;
  const fail = (line: number, why: string): never => {
    throw new Error(`${fileName}:${line}: ${why}`);
  };
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const n = index + 1;
    const line = raw.trimEnd();
    if (line.startsWith("# ")) {
      heading ||= line.slice(2).trim();
      continue;
    }
    if (line.startsWith("## ")) {
      section = line.slice(3).trim().toLowerCase();
      lastFact = null;
      continue;
    }
    const h = section === "" ? HEADER.exec(line) : null;
    if (h) {
      header.set(h[1], h[2].trim());
      continue;
    }
    const f = FACT.exec(line);
    if (f) {
      if (facts.has(f[1])) fail(n, `fact ${f[1]} is numbered twice`);
      facts.set(f[1], f[2]);
      lastFact = f[1];
      continue;
    }
    if (lastFact && /^\s+\S/.test(line)) {
      facts.set(lastFact, `${facts.get(lastFact)} ${line.trim()}`);
      continue;
    }
    lastFact = null;
    if (section.startsWith("what each fact states") && line.startsWith("|")) {
      const cells = line
        .slice(1, line.endsWith("|") ? -1 : undefined)
        .split("|")
        .map((c) => c.trim());
      if (cells[0] === "Fact" || /^-+$/.test(cells[0].replace(/:/g, ""))) continue;
      if (cells.length !== 4) fail(n, `a row needs 4 cells (Fact | Record type | Record key | Fields), got ${cells.length}`);
      const [fact, recordType, recordKey, fieldList] = cells;
      if (!/^F\d+$/.test(fact)) fail(n, `"${fact}" is not a fact number`);
      if (!(CITED_RECORD_TYPES as readonly string[]).includes(recordType))
        fail(n, `unknown record type "${recordType}" (one of ${CITED_RECORD_TYPES.join(", ")})`);
      const fields = fieldList
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => {
          const m = FIELD.exec(s);
          if (!m) return fail(n, `cannot read the field "${s}"`);
          return m[2] ? { name: m[1], precision: m[2] as FieldPrecision } : { name: m[1] };
        });
      statements.push({ fact, recordType: recordType as CitedRecordType, recordKey: recordKey.replace(/`/g, ""), fields });
    }
  }
  const need = (key: string): string => header.get(key) ?? fail(1, `the header line "- ${key}:" is missing`);
  const id = need("Id").replace(/`/g, "");
  const kind = need("Kind");
  if (!(SOURCE_KINDS as readonly string[]).includes(kind)) fail(1, `Kind "${kind}" is not one of ${SOURCE_KINDS.join(", ")}`);
  const published = /^(\d{4}-\d{2}-\d{2})/.exec(header.get("Published") ?? "");
  const url = header.get("URL") ?? "";
  return {
    id,
    heading,
    // "Tehran Press (تهران پرس)": the English name; the original is in the file.
    publisher: need("Publisher").replace(/\s*\([^)]*\)$/, ""),
    title: need("Title"),
    url: /^https?:\/\//.test(url) ? url : null,
    publishedOn: published ? published[1] : null,
    language: need("Language"),
    kind: kind as SourceKind,
    facts,
    statements,
  };
}

/** The folder of facts files, beside this module in the sources and two levels up from the bundle. */
function sourcesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    for (const candidate of [join(dir, "sources"), join(dir, "seeds", "sources")])
      if (existsSync(join(candidate, "tehran-press-47801.md"))) return candidate;
    dir = dirname(dir);
  }
  throw new Error("Seed: cannot find the folder seeds/sources");
}

let cache: Map<string, SourceFacts> | null = null;

/** Every facts file in seeds/sources, by source id (read once). */
export function sourceFacts(): Map<string, SourceFacts> {
  if (cache) return cache;
  const dir = sourcesDir();
  const all = new Map<string, SourceFacts>();
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith(".md") || name === "README.md") continue;
    const parsed = parseSourceFacts(readFileSync(join(dir, name), "utf8"), `seeds/sources/${name}`);
    if (`${parsed.id}.md` !== name) throw new Error(`seeds/sources/${name}: its Id is "${parsed.id}", not the file's name`);
    all.set(parsed.id, parsed);
  }
  return (cache = all);
}
