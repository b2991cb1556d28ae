/**
 * A deterministic synthetic dataset for the benchmark (`npm run bench`): the real seed (so Tehran
 * and its 1401 figures are there for the shared example queries), then N generated trips with
 * everything around them: ~2,000 cities in ~120 countries, ~200 organisations, memberships, events,
 * attendances, and per trip its legs, delegates, events, organisations, citation, change-feed entry
 * and search-index entry, exactly as `loadSeed` writes them (public ids, Jalali columns,
 * delegation_size, record_sources, changes, search_index through the same folding).
 *
 * Deterministic: one seeded PRNG (mulberry32), no Math.random, no clock in the data (timestamps
 * are a fixed instant), so a size always gives the same records.
 *
 * Distributions (see the constants below): trips are mostly requested by a handful of big cities,
 * Tehran the largest; status ~55% COMPLETED, 15% CANCELLED, 20% REJECTED, 10% REQUESTED/APPROVED;
 * 1–3 legs; 1–9 delegates skewed to 3–5; start dates over Jalali 1395..1404 with a dip in 1399;
 * destinations and organisations Zipf-like; a share of trips made for an event near their date,
 * with an in-person attendance when completed; online attendances of events, mostly by the hubs.
 *
 * Fast: rows are written with better-sqlite3 prepared statements in one transaction with the
 * journal and syncs off, then ANALYZE; 1M trips take a few minutes on two cores.
 * `cachedSyntheticDataset` keeps built files in a temp directory keyed by size, generator version
 * and the schema and seed they were built from.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { MIGRATIONS_FOLDERS, migrateDatabase, openDatabase } from "../db/connection.js";
import type {
  EventKind,
  EventStatus,
  MembershipCategory,
  MembershipRole,
  MembershipStatus,
  OrganisationKind,
  TripPurpose,
  TripStatus,
} from "../db/enums.js";
import { SEARCHABLE_TYPES, type SearchableType } from "../src/data/search.js";
import { fromJalali, toJalali } from "../src/lib/jalali.js";
import { foldForSearch } from "../src/lib/persianText.js";
import { dataset } from "./dataset/index.js";
import { loadSeed, seedPublicId } from "./loadSeed.js";

/** Bump when the generated data changes: cached files of another version are not reused. */
export const GENERATOR_VERSION = 2;

const SEED = 0x5eed_f007;
const FIRST_JALALI_YEAR = 1395;
const LAST_JALALI_YEAR = 1404;
const CITY_COUNT = 2_000;
const COUNTRY_COUNT = 120;
const ORGANISATION_COUNT = 200;
const MAX_MEMBERSHIPS = 50_000;
/** Fixed, so the data does not depend on when it was built. */
const AT = "2025-01-01T00:00:00.000Z";
const ACTOR = "seed";
const SYNTHETIC_SOURCE = {
  key: "footprint-synthetic",
  kind: "DATA_ENTRY",
  title: "Footprint synthetic benchmark dataset: generated records, not fact",
  publisher: "Footprint",
};
const LOCATOR = `generator v${GENERATOR_VERSION}`;
/** Tables written in bulk; their secondary indexes are rebuilt after the load. */
const BULK_TABLES = [
  "cities",
  "organisations",
  "memberships",
  "external_ids",
  "events",
  "attendances",
  "trips",
  "trip_legs",
  "trip_delegates",
  "trip_events",
  "trip_organisations",
  "record_sources",
  "changes",
] as const;

// ---------------------------------------------------------------- randomness

/** mulberry32: a small, fast, seedable PRNG with a 2^32 period (plenty for a benchmark). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** 0 .. n-1 */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** lo .. hi inclusive */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/** Draws indexes by weight (cumulative sums and a binary search). */
class Weighted {
  private readonly cumulative: Float64Array;
  constructor(weights: readonly number[]) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => (this.cumulative[i] = sum += w));
  }
  draw(rng: Rng): number {
    const target = rng.next() * this.cumulative[this.cumulative.length - 1];
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

function weightedOf<K extends string>(weights: Record<K, number>): { keys: K[]; sampler: Weighted } {
  const keys = Object.keys(weights) as K[];
  return { keys, sampler: new Weighted(keys.map((k) => weights[k])) };
}

const zipf = (n: number, s: number) => Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, s));

// ---------------------------------------------------------------- vocabularies

const SYLLABLES: readonly (readonly [string, string])[] = [
  ["ka", "کا"],
  ["ra", "را"],
  ["ma", "ما"],
  ["na", "نا"],
  ["sa", "سا"],
  ["ba", "با"],
  ["da", "دا"],
  ["la", "لا"],
  ["ta", "تا"],
  ["va", "وا"],
  ["ga", "گا"],
  ["ha", "ها"],
  ["za", "زا"],
  ["sha", "شا"],
  ["mi", "می"],
  ["ri", "ری"],
  ["li", "لی"],
  ["ni", "نی"],
  ["si", "سی"],
  ["di", "دی"],
  ["ko", "کو"],
  ["ro", "رو"],
  ["mo", "مو"],
  ["no", "نو"],
  ["so", "سو"],
  ["do", "دو"],
  ["lo", "لو"],
  ["to", "تو"],
  ["ber", "بر"],
  ["dan", "دان"],
  ["gar", "گار"],
  ["lin", "لین"],
  ["mar", "مار"],
  ["nor", "نور"],
  ["tan", "تان"],
  ["ven", "ون"],
  ["sol", "سول"],
  ["kar", "کار"],
  ["zen", "زن"],
  ["bad", "باد"],
  ["por", "پور"],
  ["stan", "ستان"],
  ["vil", "ویل"],
  ["gul", "گل"],
  ["mir", "میر"],
  ["sar", "سار"],
];

const ORG_ADJECTIVES: readonly (readonly [string, string])[] = [
  ["International", "بین‌المللی"],
  ["Global", "جهانی"],
  ["World", "جهانی"],
  ["Regional", "منطقه‌ای"],
  ["Asian", "آسیایی"],
  ["Eurasian", "اوراسیایی"],
  ["Mediterranean", "مدیترانه‌ای"],
  ["Islamic", "اسلامی"],
  ["Pacific", "اقیانوس آرام"],
  ["African", "آفریقایی"],
  ["Northern", "شمالی"],
  ["United", "متحد"],
];
const ORG_NOUNS: readonly (readonly [string, string])[] = [
  ["Association", "انجمن"],
  ["Network", "شبکه"],
  ["Alliance", "اتحادیه"],
  ["Forum", "مجمع"],
  ["Council", "شورای"],
  ["Union", "اتحادیه"],
  ["Federation", "فدراسیون"],
  ["Platform", "سکوی"],
  ["Consortium", "کنسرسیوم"],
  ["League", "جامعه"],
];
const ORG_TOPICS: readonly (readonly [string, string])[] = [
  ["Cities", "شهرها"],
  ["Local Governments", "دولت‌های محلی"],
  ["Metropolitan Areas", "کلان‌شهرها"],
  ["Smart Cities", "شهرهای هوشمند"],
  ["Urban Planners", "برنامه‌ریزان شهری"],
  ["Transport Authorities", "سازمان‌های حمل‌ونقل"],
  ["Water Utilities", "شرکت‌های آب"],
  ["Historic Cities", "شهرهای تاریخی"],
  ["Green Cities", "شهرهای سبز"],
  ["Port Cities", "شهرهای بندری"],
  ["Mayors", "شهرداران"],
  ["Urban Resilience", "تاب‌آوری شهری"],
  ["Public Libraries", "کتابخانه‌های عمومی"],
  ["City Archives", "آرشیوهای شهری"],
  ["Fire Services", "خدمات آتش‌نشانی"],
];
const FOCUS_TAGS = [
  "urban policy",
  "smart cities",
  "climate",
  "mobility",
  "water",
  "heritage",
  "resilience",
  "housing",
  "culture",
  "economic development",
  "digital government",
  "public health",
  "waste",
  "energy",
  "sport",
  "tourism",
] as const;
const ORG_KIND_WEIGHTS: Record<OrganisationKind, number> = {
  CITY_NETWORK: 45,
  PROFESSIONAL_SOCIETY: 15,
  INTERGOVERNMENTAL: 10,
  UN_AGENCY: 5,
  GOVERNMENT: 10,
  COMPANY: 10,
  OTHER: 5,
};

const EVENT_KIND_WORDS: Record<EventKind, readonly [string, string]> = {
  CONGRESS: ["World Congress", "کنگره جهانی"],
  GENERAL_ASSEMBLY: ["General Assembly", "مجمع عمومی"],
  SUMMIT: ["Summit", "اجلاس"],
  EXHIBITION: ["Exhibition", "نمایشگاه"],
  TRAINING: ["Training Course", "دوره آموزشی"],
  COMPETITION: ["Games", "مسابقات"],
  CULTURAL_WEEK: ["Cultural Week", "هفته فرهنگی"],
  NEGOTIATION: ["Round Table", "میزگرد"],
  CONFERENCE: ["Conference", "همایش"],
  OTHER: ["Meeting", "نشست"],
};
const EVENT_KIND_WEIGHTS: Record<EventKind, number> = {
  CONGRESS: 8,
  GENERAL_ASSEMBLY: 8,
  SUMMIT: 14,
  EXHIBITION: 14,
  TRAINING: 14,
  COMPETITION: 8,
  CULTURAL_WEEK: 8,
  NEGOTIATION: 6,
  CONFERENCE: 16,
  OTHER: 4,
};
const EVENT_THEMES: readonly (readonly [string, string])[] = [
  ["Urban Mobility", "حمل‌ونقل شهری"],
  ["Climate Action", "اقدام اقلیمی"],
  ["Smart Services", "خدمات هوشمند"],
  ["Water Security", "امنیت آبی"],
  ["Heritage", "میراث فرهنگی"],
  ["Disaster Risk", "مدیریت بحران"],
  ["Public Space", "فضای عمومی"],
  ["Housing", "مسکن"],
  ["Waste", "پسماند"],
  ["Digital Twins", "همزاد دیجیتال"],
  ["Urban Finance", "اقتصاد شهری"],
  ["Green Energy", "انرژی پاک"],
];
const EVENT_STATUS_WEIGHTS: Record<EventStatus, number> = {
  SCHEDULED: 85,
  CANCELLED: 4,
  POSTPONED: 3,
  RESCHEDULED: 4,
  MOVED_ONLINE: 4,
};
const EVENT_FORMAT_WEIGHTS = { IN_PERSON: 65, ONLINE: 25, HYBRID: 10 } as const;

const TRIP_STATUS_WEIGHTS: Record<TripStatus, number> = { COMPLETED: 55, CANCELLED: 15, REJECTED: 20, REQUESTED: 5, APPROVED: 5 };
const PURPOSE_WEIGHTS: Record<TripPurpose, number> = {
  SUMMIT: 18,
  EXHIBITION: 15,
  PROJECT_VISIT: 14,
  TRAINING: 14,
  COMPETITION: 8,
  BILATERAL_NEGOTIATION: 15,
  CULTURAL_WEEK: 8,
  GOVERNMENT_DELEGATION: 8,
};
/** Purposes a trip is often made for an event. */
const EVENT_PURPOSES: ReadonlySet<TripPurpose> = new Set(["SUMMIT", "EXHIBITION", "TRAINING", "COMPETITION", "CULTURAL_WEEK"]);
const TITLES: Record<TripPurpose, (en: string, fa: string) => readonly [string, string]> = {
  SUMMIT: (en, fa) => [`International summit in ${en}`, `اجلاس بین‌المللی در ${fa}`],
  EXHIBITION: (en, fa) => [`Visit to an exhibition in ${en}`, `بازدید از نمایشگاه در ${fa}`],
  PROJECT_VISIT: (en, fa) => [`Visit to urban projects in ${en}`, `بازدید از پروژه‌های شهری ${fa}`],
  TRAINING: (en, fa) => [`Training course in ${en}`, `دوره آموزشی در ${fa}`],
  COMPETITION: (en, fa) => [`International competition in ${en}`, `مسابقات بین‌المللی در ${fa}`],
  BILATERAL_NEGOTIATION: (en, fa) => [`Talks with ${en} municipality`, `مذاکره با شهرداری ${fa}`],
  CULTURAL_WEEK: (en, fa) => [`Cultural week in ${en}`, `هفته فرهنگی در ${fa}`],
  GOVERNMENT_DELEGATION: (en, fa) => [`With the government delegation to ${en}`, `همراهی هیئت دولت در سفر به ${fa}`],
};
/** Trips per Jalali year, relative (1399: the COVID-19 ban). */
const YEAR_WEIGHTS: Record<number, number> = {
  1395: 8,
  1396: 9,
  1397: 9,
  1398: 8,
  1399: 2,
  1400: 5,
  1401: 12,
  1402: 14,
  1403: 16,
  1404: 17,
};
/** 1..9 delegates, mostly 3..5. */
const DELEGATE_COUNT_WEIGHTS = [4, 9, 18, 22, 18, 11, 8, 6, 4];
const LEG_COUNT_WEIGHTS = [70, 22, 8];
/** Share of trips requested by each hub; the rest by other cities. */
const HUBS: readonly (readonly [string, number])[] = [
  ["tehran", 25],
  ["istanbul", 10],
  ["moscow", 8],
  ["seoul", 8],
  ["baghdad", 6],
  ["dubai", 6],
  ["madrid", 5],
];
const OTHER_REQUESTERS_SHARE = 32;
const UNITS = [
  "مرکز ارتباطات و امور بین‌الملل",
  "معاونت حمل‌ونقل و ترافیک",
  "معاونت شهرسازی و معماری",
  "معاونت مالی و اقتصاد شهری",
  "معاونت خدمات شهری و محیط زیست",
  "معاونت فرهنگی و اجتماعی",
  "معاونت فنی و عمرانی",
  "سازمان پیشگیری و مدیریت بحران",
  "سازمان فناوری اطلاعات و ارتباطات",
  "سازمان آتش‌نشانی و خدمات ایمنی",
  "شرکت بهره‌برداری مترو",
  "سازمان زیباسازی",
  "دفتر شهردار",
  "سازمان ورزش",
] as const;
const SENIOR_POSTS = ["معاون", "مدیرکل", "مدیر", "رئیس اداره", "مشاور"] as const;
const STAFF_POSTS = ["کارشناس ارشد", "کارشناس", "کارشناس ارشد فنی", "کارشناس امور بین‌الملل", "مترجم"] as const;
const REJECTION_REASONS = [
  "عدم ضرورت سفر",
  "محدودیت بودجه",
  "تکراری بودن مأموریت",
  "عدم تناسب ترکیب هیئت",
  "نبود دعوت‌نامه رسمی",
] as const;
const FUNDING_WEIGHTS = { MUNICIPALITY: 60, HOST: 20, INTERNATIONAL_ORGANISATION: 10, MIXED: 10 } as const;
const MEMBERSHIP_STATUS_WEIGHTS: Record<MembershipStatus, number> = {
  ACTIVE: 70,
  LAPSED: 10,
  ENDED: 10,
  SUSPENDED: 5,
  APPLIED: 5,
};
const MEMBERSHIP_CATEGORY_WEIGHTS: Record<MembershipCategory, number> = {
  FULL: 60,
  ASSOCIATE: 20,
  INSTITUTIONAL: 5,
  FRIENDSHIP: 5,
  CORPORATE: 5,
  OTHER: 5,
};
const MEMBERSHIP_ROLE_WEIGHTS: Record<MembershipRole, number> = {
  MEMBER: 85,
  OBSERVER: 5,
  BOARD_MEMBER: 6,
  VICE_PRESIDENT: 2,
  PRESIDENT: 1,
  SECRETARIAT: 1,
};

// ---------------------------------------------------------------- dates

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

interface Day {
  iso: string;
  jy: number;
  jm: number;
}
const dayCache = new Map<number, Day>();
function day(n: number): Day {
  let d = dayCache.get(n);
  if (!d) {
    const iso = new Date(n * DAY_MS).toISOString().slice(0, 10);
    const { year, month } = toJalali(iso);
    dayCache.set(n, (d = { iso, jy: year, jm: month }));
  }
  return d;
}

// ---------------------------------------------------------------- search

const foldCache = new Map<string, string>();
function fold(text: string): string {
  let f = foldCache.get(text);
  if (f === undefined) {
    f = foldForSearch(text);
    if (foldCache.size < 200_000) foldCache.set(text, f);
  }
  return f;
}
/** As `indexForSearch` folds a document's parts. */
const folded = (parts: readonly (string | null | undefined)[]) =>
  parts
    .filter((p): p is string => Boolean(p))
    .map(fold)
    .join(" ");
const searchRowid = (type: SearchableType, id: number) => (SEARCHABLE_TYPES.indexOf(type) + 1) * 2 ** 40 + id;

// ---------------------------------------------------------------- the writer

export interface SyntheticSummary {
  trips: number;
  cities: number;
  organisations: number;
  memberships: number;
  events: number;
  attendances: number;
  legs: number;
  delegates: number;
  seconds: number;
}

interface CityInfo {
  id: number;
  slug: string;
  nameEn: string;
  nameFa: string;
}
interface OrgInfo {
  id: number;
  slug: string;
  acronym: string;
}
interface EventInfo {
  id: number;
  day: number;
  hostIndex: number; // into the destination pool, or -1
  orgIndex: number; // -1 when none
  online: boolean;
  nameEn: string;
  nameFa: string;
}

/**
 * Creates `sqlitePath` afresh: migrates it, loads the real seed, then writes `tripCount` synthetic
 * trips and everything around them, and ANALYZEs it.
 */
export async function writeSyntheticDataset(
  sqlitePath: string,
  tripCount: number,
  log: (line: string) => void = () => {},
): Promise<SyntheticSummary> {
  if (!Number.isInteger(tripCount) || tripCount < 0)
    throw new RangeError(`tripCount must be a non-negative integer; got ${tripCount}`);
  const started = performance.now();
  const path = resolve(sqlitePath);
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(path + suffix, { force: true });

  // The project's own start-up: migrations, then the real seed (through drizzle, as the server does).
  const handle = await openDatabase({ url: `file:${path}` });
  try {
    await migrateDatabase(handle);
    await loadSeed(handle);
  } finally {
    await handle.close();
  }

  const db = new Database(path);
  // No rollback journal and no syncs while loading: a failed build is thrown away, never repaired.
  // (better-sqlite3's defensive mode refuses journal_mode=OFF, and SQLite leaves WAL only via DELETE.)
  db.pragma("journal_mode = DELETE");
  db.unsafeMode(true);
  const journal = db.pragma("journal_mode = OFF", { simple: true });
  if (journal !== "off")
    throw new Error(`synthetic dataset: could not turn the journal off (journal_mode is ${String(journal)})`);
  db.pragma("synchronous = OFF");
  db.pragma("locking_mode = EXCLUSIVE");
  db.pragma("temp_store = MEMORY");
  db.pragma("cache_size = -524288"); // 512 MiB while loading
  db.pragma("foreign_keys = OFF"); // the generator only refers to rows it wrote; checked below for small sizes
  const rng = new Rng(SEED ^ Math.imul(tripCount, 2654435761));
  const counts = { cities: 0, organisations: 0, memberships: 0, events: 0, attendances: 0, legs: 0, delegates: 0 };

  // Secondary indexes of the tables loaded in bulk are dropped and built again afterwards, with the
  // same SQL: sorting once is many times faster than inserting millions of random keys into B-trees.
  const indexes = db
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${BULK_TABLES.map(() => "?").join(", ")}) order by name`,
    )
    .all(...BULK_TABLES) as { name: string; sql: string }[];

  const write = db.transaction(() => {
    // One moment, as the seed's load is: every row the generator writes is valid from its first
    // change (db/rowVersions.ts), so a read as of any later version sees each trip whole.
    db.exec(`update history_clock set seq = (select coalesce(max(seq), 0) + 1 from changes) where id = 1`);
    for (const index of indexes) db.exec(`drop index "${index.name}"`);
    const publicId = (kind: string, n: number) => seedPublicId(kind, `synthetic-v${GENERATOR_VERSION}:${tripCount}:${n}`);
    const insChange = db.prepare(
      `insert into changes (record_type, record_id, public_id, op, version, at, actor) values (?, ?, ?, 'UPSERT', 1, ?, ?)`,
    );
    const insCite = db.prepare(`insert into record_sources (record_type, record_id, source_id, locator) values (?, ?, ?, ?)`);
    const insSearch = db.prepare(
      `insert into search_index (rowid, record_type, record_id, keys, names, body) values (?, ?, ?, ?, ?, ?)`,
    );

    const sourceId = Number(
      db
        .prepare(
          `insert into sources (public_id, created_at, updated_at, version, provenance, kind, title, publisher, url, published_on, locator) values (?, ?, ?, 1, 'SOURCED', ?, ?, ?, null, null, null)`,
        )
        .run(
          seedPublicId("source", `${SYNTHETIC_SOURCE.key}-v${GENERATOR_VERSION}-${tripCount}`),
          AT,
          AT,
          SYNTHETIC_SOURCE.kind,
          SYNTHETIC_SOURCE.title,
          SYNTHETIC_SOURCE.publisher,
        ).lastInsertRowid,
    );
    /** A new record's citation and change-feed entry, as loadSeed writes them. */
    const recorded = (
      recordType: "CITY" | "ORGANISATION" | "MEMBERSHIP" | "EVENT" | "TRIP" | "ATTENDANCE",
      id: number,
      pid: string,
    ) => {
      insCite.run(recordType, id, sourceId, LOCATOR);
      insChange.run(recordType, id, pid, AT, ACTOR);
    };

    // ---- countries (from the ISO list loadSeed wrote) and cities
    const countryRows = db.prepare(`select id, code from countries order by code`).all() as { id: number; code: string }[];
    const chosenCountries = [...countryRows];
    for (let i = chosenCountries.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [chosenCountries[i], chosenCountries[j]] = [chosenCountries[j], chosenCountries[i]];
    }
    chosenCountries.length = Math.min(COUNTRY_COUNT, chosenCountries.length);
    const countryPick = new Weighted(zipf(chosenCountries.length, 0.8));

    const seedCities = db
      .prepare(`select id, slug, name_en as nameEn, name_fa as nameFa from cities order by id`)
      .all() as CityInfo[];
    const seedBySlug = new Map(seedCities.map((c) => [c.slug, c]));
    const slugs = new Set(seedCities.map((c) => c.slug));
    const insCity = db.prepare(
      `insert into cities (public_id, created_at, updated_at, version, provenance, slug, name_fa, name_en, country_id, latitude, longitude, population) values (?, ?, ?, 1, 'ILLUSTRATIVE', ?, ?, ?, ?, ?, ?, ?)`,
    );
    const syntheticCities: CityInfo[] = [];
    for (let i = 0; i < CITY_COUNT; i++) {
      const parts = Array.from({ length: rng.between(2, 3) }, () => rng.pick(SYLLABLES));
      const base = parts.map((p) => p[0]).join("");
      const nameEn = base[0].toUpperCase() + base.slice(1);
      const nameFa = parts.map((p) => p[1]).join("");
      const country = chosenCountries[countryPick.draw(rng)];
      let slug = `${base}-${country.code.toLowerCase()}`;
      for (let k = 2; slugs.has(slug); k++) slug = `${base}-${country.code.toLowerCase()}-${k}`;
      slugs.add(slug);
      const pid = publicId("city", i);
      const population = Math.round(Math.exp(Math.log(50_000) + rng.next() * (Math.log(15_000_000) - Math.log(50_000))));
      const latitude = Math.round((rng.next() * 120 - 50) * 10_000) / 10_000;
      const longitude = Math.round((rng.next() * 340 - 170) * 10_000) / 10_000;
      const id = Number(
        insCity.run(pid, AT, AT, slug, nameFa, nameEn, country.id, latitude, longitude, population).lastInsertRowid,
      );
      recorded("CITY", id, pid);
      insSearch.run(searchRowid("CITY", id), "CITY", id, folded([slug]), folded([nameFa, nameEn]), folded([]));
      syntheticCities.push({ id, slug, nameEn, nameFa });
    }
    counts.cities = syntheticCities.length;

    /** Where trips go and events happen: the seed's cities (Tehran ranked lower), then the synthetic ones, Zipf-weighted. */
    const tehran = seedBySlug.get("tehran");
    if (!tehran) throw new Error("The seed has no city tehran");
    const destinations: CityInfo[] = [...seedCities.filter((c) => c.slug !== "tehran")];
    destinations.splice(Math.min(20, destinations.length), 0, tehran);
    destinations.push(...syntheticCities);
    const destinationPick = new Weighted(zipf(destinations.length, 0.9));

    /** Who requests trips: the hubs, then the other cities (Zipf). */
    const hubs = HUBS.map(([slug]) => {
      const c = seedBySlug.get(slug);
      if (!c) throw new Error(`The seed has no city ${slug}`);
      return c;
    });
    const requesters: CityInfo[] = [...hubs, ...syntheticCities];
    const otherWeights = zipf(syntheticCities.length, 1.0);
    const otherTotal = otherWeights.reduce((a, b) => a + b, 0);
    const requesterPick = new Weighted([
      ...HUBS.map(([, w]) => w),
      ...otherWeights.map((w) => (w / otherTotal) * OTHER_REQUESTERS_SHARE),
    ]);

    // ---- organisations
    const seedOrgs = db.prepare(`select slug, acronym from organisations`).all() as { slug: string; acronym: string | null }[];
    const orgSlugs = new Set(seedOrgs.map((o) => o.slug));
    const acronyms = new Set(seedOrgs.map((o) => (o.acronym ?? "").toUpperCase()));
    const orgNames = new Set<string>();
    const kinds = weightedOf(ORG_KIND_WEIGHTS);
    const insOrg = db.prepare(
      `insert into organisations (public_id, created_at, updated_at, version, provenance, slug, acronym, name_fa, name_en, kind, focus, website, headquarters_city_id, monitored) values (?, ?, ?, 1, 'ILLUSTRATIVE', ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
    );
    const orgs: OrgInfo[] = [];
    for (let i = 0; i < ORGANISATION_COUNT; i++) {
      let acronym: string;
      do acronym = Array.from({ length: rng.between(3, 5) }, () => String.fromCharCode(65 + rng.int(26))).join("");
      while (acronyms.has(acronym) || orgSlugs.has(acronym.toLowerCase()));
      acronyms.add(acronym);
      const slug = acronym.toLowerCase();
      orgSlugs.add(slug);
      const [adjEn, adjFa] = rng.pick(ORG_ADJECTIVES);
      const [nounEn, nounFa] = rng.pick(ORG_NOUNS);
      const [topicEn, topicFa] = rng.pick(ORG_TOPICS);
      let nameEn = `${adjEn} ${nounEn} of ${topicEn}`;
      if (orgNames.has(nameEn)) nameEn = `${nameEn} (${acronym})`;
      orgNames.add(nameEn);
      const nameFa = `${nounFa} ${adjFa} ${topicFa} (${acronym})`;
      const focus = [...new Set(Array.from({ length: rng.between(1, 3) }, () => rng.pick(FOCUS_TAGS)))];
      const kind = kinds.keys[kinds.sampler.draw(rng)];
      const hq = destinations[destinationPick.draw(rng)];
      const pid = publicId("organisation", i);
      const id = Number(
        insOrg.run(pid, AT, AT, slug, acronym, nameFa, nameEn, kind, JSON.stringify(focus), `https://${slug}.example.org`, hq.id)
          .lastInsertRowid,
      );
      recorded("ORGANISATION", id, pid);
      insSearch.run(
        searchRowid("ORGANISATION", id),
        "ORGANISATION",
        id,
        folded([slug, acronym]),
        folded([nameFa, nameEn]),
        folded(focus),
      );
      orgs.push({ id, slug, acronym });
    }
    counts.organisations = orgs.length;
    const orgPick = new Weighted(zipf(orgs.length, 0.7));

    // ---- memberships (synthetic and non-Tehran seed cities; Tehran keeps its real ones)
    const firstDay = dayOf(fromJalali(FIRST_JALALI_YEAR, 1, 1));
    const lastDay = dayOf(fromJalali(LAST_JALALI_YEAR + 1, 1, 1)) - 1;
    const members = destinations.filter((c) => c.slug !== "tehran");
    const memberPick = new Weighted(zipf(members.length, 0.6));
    const statuses = weightedOf(MEMBERSHIP_STATUS_WEIGHTS);
    const categories = weightedOf(MEMBERSHIP_CATEGORY_WEIGHTS);
    const roles = weightedOf(MEMBERSHIP_ROLE_WEIGHTS);
    const insMembership = db.prepare(
      `insert into memberships (public_id, created_at, updated_at, version, provenance, member_city_id, organisation_id, via_organisation_id, status, category, category_label, role, start_date, start_precision, start_jy, start_jm, end_date, end_precision) values (?, ?, ?, 1, 'ILLUSTRATIVE', ?, ?, null, ?, ?, null, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insExternalId = db.prepare(
      `insert into external_ids (record_type, record_id, scheme, value, namespace) values ('MEMBERSHIP', ?, ?, ?, ?)`,
    );
    const membershipTarget = Math.min(Math.round(tripCount / 5), MAX_MEMBERSHIPS, members.length * orgs.length);
    const pairs = new Set<number>();
    for (let attempts = 0; pairs.size < membershipTarget && attempts < membershipTarget * 20; attempts++) {
      const m = memberPick.draw(rng);
      const o = orgPick.draw(rng);
      const pair = m * orgs.length + o;
      if (pairs.has(pair)) continue;
      pairs.add(pair);
      const n = pairs.size - 1;
      const status = statuses.keys[statuses.sampler.draw(rng)];
      const hasStart = rng.chance(0.95);
      const start = hasStart ? dayOf("1990-01-01") + rng.int(dayOf("2025-12-31") - dayOf("1990-01-01")) : null;
      const startPrecision = start === null ? null : rng.chance(0.5) ? "DAY" : rng.chance(0.5) ? "MONTH" : "YEAR";
      const ended = status === "LAPSED" || status === "ENDED";
      const end = ended && start !== null && rng.chance(0.9) ? start + rng.between(180, 4_000) : null;
      const s = start === null ? null : day(start);
      const e = end === null ? null : day(end);
      const pid = publicId("membership", n);
      const id = Number(
        insMembership.run(
          pid,
          AT,
          AT,
          members[m].id,
          orgs[o].id,
          status,
          categories.keys[categories.sampler.draw(rng)],
          roles.keys[roles.sampler.draw(rng)],
          s?.iso ?? null,
          startPrecision,
          s?.jy ?? null,
          s?.jm ?? null,
          e?.iso ?? null,
          e ? "DAY" : null,
        ).lastInsertRowid,
      );
      recorded("MEMBERSHIP", id, pid);
      if (rng.chance(0.3)) insExternalId.run(id, `${orgs[o].slug}-registry`, `M-${n}`, orgs[o].id);
    }
    counts.memberships = pairs.size;

    // ---- events, in date order (so a trip finds the events near its date by binary search)
    const eventCount = Math.max(50, Math.round(tripCount / 20));
    const eventDays = new Int32Array(eventCount);
    for (let i = 0; i < eventCount; i++) eventDays[i] = firstDay + rng.int(lastDay - firstDay + 1);
    eventDays.sort();
    const eventKinds = weightedOf(EVENT_KIND_WEIGHTS);
    const eventStatuses = weightedOf(EVENT_STATUS_WEIGHTS);
    const formats = weightedOf(EVENT_FORMAT_WEIGHTS);
    const insEvent = db.prepare(
      `insert into events (public_id, created_at, updated_at, version, provenance, name_fa, name_en, kind, format, status, organiser_id, host_city_id, start_date, start_jy, start_jm, end_date) values (?, ?, ?, 1, 'ILLUSTRATIVE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insAttendance = db.prepare(
      `insert into attendances (public_id, created_at, updated_at, version, provenance, city_id, event_id, mode, trip_id, membership_id, outcomes) values (?, ?, ?, 1, 'ILLUSTRATIVE', ?, ?, ?, ?, null, '[]')`,
    );
    let attendanceSeq = 0;
    const attend = (cityId: number, eventId: number, mode: "IN_PERSON" | "ONLINE", tripId: number | null) => {
      const pid = publicId("attendance", attendanceSeq++);
      const id = Number(insAttendance.run(pid, AT, AT, cityId, eventId, mode, tripId).lastInsertRowid);
      recorded("ATTENDANCE", id, pid);
    };
    const eventList: EventInfo[] = [];
    for (let i = 0; i < eventCount; i++) {
      const kind = eventKinds.keys[eventKinds.sampler.draw(rng)];
      const format = formats.keys[formats.sampler.draw(rng)];
      const online = format === "ONLINE";
      const orgIndex = online || rng.chance(0.85) ? orgPick.draw(rng) : -1;
      const hostIndex = online ? -1 : destinationPick.draw(rng);
      const d = day(eventDays[i]);
      const [kindEn, kindFa] = EVENT_KIND_WORDS[kind];
      const [themeEn, themeFa] = rng.pick(EVENT_THEMES);
      const year = d.iso.slice(0, 4);
      const by = orgIndex >= 0 ? orgs[orgIndex].acronym : destinations[hostIndex].nameEn;
      const nameEn = `${by} ${online ? "Webinar" : kindEn} on ${themeEn} ${year}`;
      const nameFa = `${online ? "وبینار" : kindFa} ${by} درباره ${themeFa} ${d.jy}`;
      const pid = publicId("event", i);
      const id = Number(
        insEvent.run(
          pid,
          AT,
          AT,
          nameFa,
          nameEn,
          kind,
          format,
          eventStatuses.keys[eventStatuses.sampler.draw(rng)],
          orgIndex >= 0 ? orgs[orgIndex].id : null,
          hostIndex >= 0 ? destinations[hostIndex].id : null,
          d.iso,
          d.jy,
          d.jm,
          day(eventDays[i] + rng.between(0, 4)).iso,
        ).lastInsertRowid,
      );
      recorded("EVENT", id, pid);
      insSearch.run(searchRowid("EVENT", id), "EVENT", id, folded([]), folded([nameFa, nameEn]), folded([]));
      eventList.push({ id, day: eventDays[i], hostIndex, orgIndex, online, nameEn, nameFa });
      // Online (and some hybrid) participation, mostly by the hubs.
      if (format !== "IN_PERSON") {
        const attendees = new Set<number>();
        for (let k = rng.between(0, 4); k > 0; k--) attendees.add(requesters[requesterPick.draw(rng)].id);
        for (const cityId of attendees) attend(cityId, id, "ONLINE", null);
      }
    }
    counts.events = eventList.length;

    // ---- trips, in start-date order
    const years = Object.keys(YEAR_WEIGHTS).map(Number);
    const yearPick = new Weighted(years.map((y) => YEAR_WEIGHTS[y]));
    const yearSpans = years.map((y) => [dayOf(fromJalali(y, 1, 1)), dayOf(fromJalali(y + 1, 1, 1)) - 1] as const);
    const tripDays = new Int32Array(tripCount);
    for (let i = 0; i < tripCount; i++) {
      const [from, to] = yearSpans[yearPick.draw(rng)];
      tripDays[i] = from + rng.int(to - from + 1);
    }
    tripDays.sort();
    const tripStatuses = weightedOf(TRIP_STATUS_WEIGHTS);
    const purposes = weightedOf(PURPOSE_WEIGHTS);
    const fundings = weightedOf(FUNDING_WEIGHTS);
    const delegateCounts = new Weighted(DELEGATE_COUNT_WEIGHTS);
    const legCounts = new Weighted(LEG_COUNT_WEIGHTS);
    const insTrip = db.prepare(
      `insert into trips (public_id, created_at, updated_at, version, provenance, code, title_fa, title_en, purpose, status, city_id, requesting_unit, requested_on, decision_outcome, decided_on, decision_reason, start_date, start_jy, start_jm, end_date, delegation_size, headed_by_mayor, invited_by_id, funding, cost_minor, cost_currency, report_submitted_on)
       values (?, ?, ?, 1, 'ILLUSTRATIVE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insLeg = db.prepare(`insert into trip_legs (trip_id, position, city_id) values (?, ?, ?)`);
    const insDelegate = db.prepare(
      `insert into trip_delegates (trip_id, position, name_fa, name_en, title, unit, role) values (?, ?, null, null, ?, ?, ?)`,
    );
    const insTripEvent = db.prepare(`insert into trip_events (trip_id, event_id) values (?, ?)`);
    const insTripOrg = db.prepare(`insert into trip_organisations (trip_id, organisation_id) values (?, ?)`);
    const codeSeq = new Map<number, number>();
    /** Index of the first event on or after `d`. */
    const eventAt = (d: number) => {
      let lo = 0;
      let hi = eventList.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (eventList[mid].day < d) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const progressEvery = Math.max(1, Math.round(tripCount / 10));
    for (let i = 0; i < tripCount; i++) {
      if (i > 0 && i % progressEvery === 0)
        log(`  ${i.toLocaleString("en")} trips (${((performance.now() - started) / 1000).toFixed(0)} s)`);
      const startDay = tripDays[i];
      const start = day(startDay);
      const requester = requesters[requesterPick.draw(rng)];
      const status = tripStatuses.keys[tripStatuses.sampler.draw(rng)];
      const purpose = purposes.keys[purposes.sampler.draw(rng)];

      // An event near the start date, attended in person, when the purpose calls for one.
      let event: EventInfo | null = null;
      if (EVENT_PURPOSES.has(purpose) && rng.chance(0.6)) {
        const at = eventAt(startDay);
        for (let attempt = 0; attempt < 4 && !event; attempt++) {
          const candidate = eventList[Math.min(eventList.length - 1, Math.max(0, at + rng.between(-10, 10)))];
          if (candidate && !candidate.online && candidate.hostIndex >= 0 && destinations[candidate.hostIndex].id !== requester.id)
            event = candidate;
        }
      }

      // Destinations: the event's host first, then (sometimes) more cities.
      const legCityIds: number[] = [];
      const legNames: CityInfo[] = [];
      const legTotal = legCounts.draw(rng) + 1;
      if (event) {
        legCityIds.push(destinations[event.hostIndex].id);
        legNames.push(destinations[event.hostIndex]);
      }
      for (let attempt = 0; legCityIds.length < legTotal && attempt < 10; attempt++) {
        const c = destinations[destinationPick.draw(rng)];
        if (c.id === requester.id || legCityIds.includes(c.id)) continue;
        legCityIds.push(c.id);
        legNames.push(c);
      }

      const delegateTotal = delegateCounts.draw(rng) + 1;
      const unit = rng.pick(UNITS);
      const headedByMayor = HUBS.some(([slug]) => slug === requester.slug) && rng.chance(0.015);
      const first = legNames[0];
      const [titleEn, titleFa] = event
        ? [`Attendance at ${event.nameEn}`, `حضور در ${event.nameFa}`]
        : TITLES[purpose](first.nameEn, first.nameFa);
      const requestedDay = startDay - rng.between(20, 90);
      const decided = status !== "REQUESTED";
      const decidedDay = Math.min(startDay - 1, requestedDay + rng.between(3, 30));
      const rejected = status === "REJECTED";
      const endDay = startDay + rng.between(1, 10);
      const completed = status === "COMPLETED";
      const seq = (codeSeq.get(start.jy) ?? 0) + 1;
      codeSeq.set(start.jy, seq);

      // Organisations: the event's organiser, else sometimes one or two others.
      const tripOrgs = new Set<number>();
      if (event && event.orgIndex >= 0) tripOrgs.add(orgs[event.orgIndex].id);
      else if (rng.chance(0.15)) tripOrgs.add(orgs[orgPick.draw(rng)].id);
      if (tripOrgs.size > 0 && rng.chance(0.1)) tripOrgs.add(orgs[orgPick.draw(rng)].id);
      const invitedBy = rng.chance(0.2) ? (tripOrgs.size > 0 ? [...tripOrgs][0] : orgs[orgPick.draw(rng)].id) : null;
      const funding = decided && !rejected ? fundings.keys[fundings.sampler.draw(rng)] : null;
      const hasCost = completed && rng.chance(0.6);

      const pid = publicId("trip", i);
      const tripId = Number(
        insTrip.run(
          pid,
          AT,
          AT,
          `SYN-${start.jy}-${String(seq).padStart(7, "0")}`,
          titleFa,
          titleEn,
          purpose,
          status,
          requester.id,
          unit,
          day(requestedDay).iso,
          decided ? (rejected ? "REJECTED" : "APPROVED") : null,
          decided ? day(decidedDay).iso : null,
          rejected ? rng.pick(REJECTION_REASONS) : null,
          start.iso,
          start.jy,
          start.jm,
          day(endDay).iso,
          delegateTotal,
          headedByMayor ? 1 : 0,
          invitedBy,
          funding,
          hasCost ? rng.between(500, 20_000) * 100 : null,
          hasCost ? "USD" : null,
          completed && rng.chance(0.7) ? day(endDay + rng.between(5, 40)).iso : null,
        ).lastInsertRowid,
      );
      recorded("TRIP", tripId, pid);
      legCityIds.forEach((cityId, position) => insLeg.run(tripId, position, cityId));
      counts.legs += legCityIds.length;
      for (let position = 0; position < delegateTotal; position++) {
        if (position === 0 && headedByMayor) insDelegate.run(tripId, 0, "شهردار", "دفتر شهردار", "HEAD");
        else if (position === 0) insDelegate.run(tripId, 0, rng.pick(SENIOR_POSTS), unit, "HEAD");
        else if (rng.chance(0.3)) insDelegate.run(tripId, position, rng.pick(SENIOR_POSTS), unit, "MEMBER");
        else insDelegate.run(tripId, position, rng.pick(STAFF_POSTS), rng.chance(0.8) ? unit : null, "EXPERT");
      }
      counts.delegates += delegateTotal;
      if (event) {
        insTripEvent.run(tripId, event.id);
        if (completed) attend(requester.id, event.id, "IN_PERSON", tripId);
      }
      for (const orgId of tripOrgs) insTripOrg.run(tripId, orgId);
      insSearch.run(
        searchRowid("TRIP", tripId),
        "TRIP",
        tripId,
        folded([`SYN-${start.jy}-${String(seq).padStart(7, "0")}`]),
        folded([titleFa, titleEn]),
        folded([unit]),
      );
    }
    counts.attendances = attendanceSeq;
    log(`  rows written (${((performance.now() - started) / 1000).toFixed(0)} s); building ${indexes.length} indexes`);
    for (const index of indexes) db.exec(index.sql);
    db.exec(`update history_clock set seq = null where id = 1`);
  });
  try {
    write();
    log(`  indexed (${((performance.now() - started) / 1000).toFixed(0)} s); optimising the search index and analysing`);
    db.exec(`insert into search_index (search_index) values ('optimize')`);
    if (tripCount <= 100_000) {
      const broken = db.pragma("foreign_key_check") as unknown[];
      if (broken.length > 0)
        throw new Error(`synthetic dataset: ${broken.length} foreign-key violations, e.g. ${JSON.stringify(broken.slice(0, 3))}`);
    }
    db.exec("ANALYZE");
    db.pragma("locking_mode = NORMAL");
    db.unsafeMode(false);
  } finally {
    db.close();
  }
  // Leave the file as the server keeps it (WAL), with nothing outside the main file.
  const reopened = new Database(path);
  reopened.pragma("journal_mode = WAL");
  reopened.close();
  return { trips: tripCount, ...counts, seconds: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------- cache

/** What a built file depends on besides size and generator version: the migrations and the real seed. */
function inputsHash(): string {
  const journal = readFileSync(join(MIGRATIONS_FOLDERS.sqlite, "meta", "_journal.json"), "utf8");
  return createHash("sha1").update(journal).update(JSON.stringify(dataset)).digest("hex").slice(0, 10);
}

export function syntheticCacheDir(): string {
  return process.env.FOOTPRINT_BENCH_CACHE ?? join(tmpdir(), "footprint-bench-cache");
}

export interface CachedDataset {
  path: string;
  /** False when an earlier build was reused. */
  built: boolean;
  /** What the build wrote and how long it took (now, or when the cached file was built). */
  summary: SyntheticSummary | null;
}

/**
 * The dataset of `tripCount` trips from the cache, built first if it is not there. Built under a
 * temporary name and renamed when complete, so an interrupted build is never reused.
 */
export async function cachedSyntheticDataset(tripCount: number, log: (line: string) => void = () => {}): Promise<CachedDataset> {
  const dir = syntheticCacheDir();
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `synthetic-v${GENERATOR_VERSION}-${inputsHash()}-${tripCount}.sqlite`);
  // The build's summary is kept beside the file, so a reused file still reports its build time.
  const summaryFile = `${path}.json`;
  if (existsSync(path)) {
    let summary: SyntheticSummary | null = null;
    try {
      summary = JSON.parse(readFileSync(summaryFile, "utf8")) as SyntheticSummary;
    } catch {
      // built by an earlier version of this function, or the summary was removed
    }
    return { path, built: false, summary };
  }
  const partial = `${path}.${process.pid}.partial`;
  try {
    const summary = await writeSyntheticDataset(partial, tripCount, log);
    renameSync(partial, path);
    writeFileSync(summaryFile, JSON.stringify(summary, null, 2));
    return { path, built: true, summary };
  } finally {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(partial + suffix, { force: true });
  }
}
