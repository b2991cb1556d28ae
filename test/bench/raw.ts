/**
 * The raw baseline of `npm run bench`: a minimal node:http server, no GraphQL, that answers each
 * READ operation of test/bench/*.graphql with hand-written SQL (better-sqlite3 statements prepared
 * once) and `JSON.stringify`, writing the same `{ "data": ... }` the GraphQL server answers for
 * that operation (the benchmark checks that both are equal before it times anything). It is the
 * limit the GraphQL server is measured against.
 *
 *   POST /dashboard | /series | /researcher | /node | /search   body: { "query": ..., "variables": ... }
 *   GET  /healthz   GET /stats  ({ requests, statements, rss })
 *
 * Each handler implements its operation exactly as written in the .graphql file (the arguments are
 * constants here; only `node` takes a variable, `$id`). Field semantics follow the resolvers in
 * src/modules: global IDs are base64url("Type:publicId"), localized texts turn "" into null, the
 * footprint's metrics come from the same definitions (src/data/figures.ts), Jalali dates and month
 * buckets from src/lib.
 *
 * Environment: RAW_DATABASE (SQLite file path, required), PORT (default 4100), HOST (default
 * 127.0.0.1), HOME_CITY (default tehran). Run: node --import tsx test/bench/raw.ts
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import type { Metric } from "../../db/enums.js";
import { monthsInRange, timeBuckets } from "../../src/lib/calendarBuckets.js";
import { metricValue } from "../../src/data/figures.js";
import { jalaliIso, jalaliMonthRange, toJalali } from "../../src/lib/jalali.js";
import { naturalCalendar } from "../../src/lib/period.js";
import { searchTokens } from "../../src/lib/persianText.js";

// The arguments written in the .graphql files.
const DASHBOARD_PERIOD = { jalaliYear: 1401, jalaliMonthFrom: 6, jalaliMonthTo: 12 } as const;
const SERIES_YEAR = 1401;
const RESEARCHER_FIRST = 50;
const SEARCH_TEXT = "Tehran";
const SEARCH_FIRST = 20;

const SEARCHABLE_TYPES = ["CITY", "COUNTRY", "ORGANISATION", "EVENT", "TRIP"] as const;
type SearchableType = (typeof SEARCHABLE_TYPES)[number];
const TYPE_NAMES: Record<SearchableType, string> = {
  CITY: "City",
  COUNTRY: "Country",
  ORGANISATION: "Organisation",
  EVENT: "Event",
  TRIP: "Trip",
};
const TABLE_OF: Record<string, string> = {
  Country: "countries",
  City: "cities",
  Organisation: "organisations",
  Membership: "memberships",
  Event: "events",
  Attendance: "attendances",
  Trip: "trips",
  Partnership: "partnerships",
  Source: "sources",
};

const globalId = (type: string, publicId: string) => Buffer.from(`${type}:${publicId}`, "utf8").toString("base64url");
const text = (value: string | null | undefined) => value || null;

interface Totals {
  requested: number;
  rejected: number;
  approved: number;
  cancelled: number;
  completed: number;
  participants: number;
}
interface EventTotals {
  all: number;
  inPerson: number;
  online: number;
}
interface Range {
  from: string;
  to: string;
}

export type RawOperation = (variables: Record<string, unknown>) => unknown;

/** The handlers, and a count of the SQL statements they ran. */
export function createRawHandlers(
  db: Database.Database,
  homeCity: string,
): { operations: Record<string, RawOperation>; statements: () => number } {
  let statements = 0;
  const all = <T>(stmt: Database.Statement, ...params: unknown[]): T[] => {
    statements++;
    return stmt.all(...params) as T[];
  };
  const get = <T>(stmt: Database.Statement, ...params: unknown[]): T | undefined => {
    statements++;
    return stmt.get(...params) as T | undefined;
  };

  const cityBySlug = db.prepare(`select id from cities where slug = ?`);
  const homeCityId = (): number => {
    const row = get<{ id: number }>(cityBySlug, homeCity);
    if (!row) throw new Error(`raw: no city ${homeCity}`);
    return row.id;
  };

  // ---- footprint
  const figuresStmt = db.prepare(`
    select f.metric, f.period_from, f.period_to, f.value, f.attendance_mode, s.title, s.published_on
    from reported_figures f join sources s on s.id = f.source_id
    where f.city_id = ? and f.period_from >= ? and f.period_to <= ?
    order by f.period_from, f.metric, f.id`);
  /** Periods as a VALUES list: one statement per number of periods, prepared on first use. */
  const byPeriodCount = (build: (values: string) => string) => {
    const cache = new Map<number, Database.Statement>();
    return (n: number) => {
      let stmt = cache.get(n);
      if (!stmt) {
        stmt = db.prepare(build(Array.from({ length: n }, () => "(?, ?, ?)").join(", ")));
        cache.set(n, stmt);
      }
      return stmt;
    };
  };
  const tripTotalsStmt = byPeriodCount(
    (values) => `
    with periods(idx, date_from, date_to) as (values ${values})
    select periods.idx as idx, count(t.id) as requested,
      coalesce(sum(t.decision_outcome = 'REJECTED'), 0) as rejected,
      coalesce(sum(t.decision_outcome = 'APPROVED'), 0) as approved,
      coalesce(sum(t.status = 'CANCELLED'), 0) as cancelled,
      coalesce(sum(t.status = 'COMPLETED'), 0) as completed,
      coalesce(sum(case when t.status = 'COMPLETED' then t.delegation_size else 0 end), 0) as participants
    from periods left join trips t on t.city_id = ? and t.start_date between periods.date_from and periods.date_to
    group by periods.idx order by periods.idx`,
  );
  const eventTotalsStmt = byPeriodCount(
    (values) => `
    with periods(idx, date_from, date_to) as (values ${values})
    select periods.idx as idx,
      count(distinct a.event_id) as all_modes,
      count(distinct case when a.mode = 'IN_PERSON' then a.event_id end) as in_person,
      count(distinct case when a.mode = 'ONLINE' then a.event_id end) as online
    from periods left join (
      select a.event_id, a.mode, e.start_date from attendances a join events e on e.id = a.event_id where a.city_id = ?
    ) as a on a.start_date between periods.date_from and periods.date_to
    group by periods.idx order by periods.idx`,
  );
  const countriesStmt = db.prepare(`
    select code, name_en, name_fa, count(*) as trips, sum(delegation_size) as participants from (
      select distinct t.id, t.delegation_size, co.code, co.name_en, co.name_fa
      from trips t
      join trip_legs l on l.trip_id = t.id
      join cities ci on ci.id = l.city_id
      join countries co on co.id = ci.country_id
      where t.city_id = ? and t.start_date between ? and ? and t.status = 'COMPLETED')
    group by code order by trips desc, code`);
  const membershipsStmt = db.prepare(`
    select m.role, m.start_date, o.acronym, o.name_en
    from memberships m join organisations o on o.id = m.organisation_id
    where m.member_city_id = ?
      and (m.start_date is null or m.start_date <= ?)
      and ((m.status in ('ACTIVE', 'SUSPENDED') and (m.end_date is null or m.end_date >= ?))
        or (m.status in ('LAPSED', 'ENDED') and m.end_date >= ?))
    order by coalesce(m.start_date, ''), m.id`);

  const periodParams = (ranges: Range[]) => ranges.flatMap((r, i) => [i, r.from, r.to]);

  function dashboard() {
    const cityId = homeCityId();
    const range = jalaliMonthRange(DASHBOARD_PERIOD.jalaliYear, DASHBOARD_PERIOD.jalaliMonthFrom, DASHBOARD_PERIOD.jalaliMonthTo);
    const months = monthsInRange(range.from, range.to, "JALALI");
    const figures = all<{
      metric: Metric;
      period_from: string;
      period_to: string;
      value: number;
      attendance_mode: string | null;
      title: string;
      published_on: string | null;
    }>(figuresStmt, cityId, range.from, range.to);
    const ranges = new Map<string, Range>([[`${range.from}/${range.to}`, range]]);
    for (const f of figures) ranges.set(`${f.period_from}/${f.period_to}`, { from: f.period_from, to: f.period_to });
    const list = [...ranges.values()];
    const trips = all<Totals>(tripTotalsStmt(list.length), ...periodParams(list), cityId);
    const events = all<{ all_modes: number; in_person: number; online: number }>(
      eventTotalsStmt(list.length),
      ...periodParams(list),
      cityId,
    ).map((r): EventTotals => ({ all: r.all_modes, inPerson: r.in_person, online: r.online }));
    const totals = trips[0];
    const inputs = { ...totals, eventsAttended: events[0].all, months };
    const keys = [...ranges.keys()];
    const fromJalali = toJalali(range.from);
    const toJalaliParts = toJalali(range.to);
    return {
      footprint: {
        period: {
          from: range.from,
          to: range.to,
          fromJalali: { iso: jalaliIso(fromJalali) },
          toJalali: { iso: jalaliIso(toJalaliParts) },
        },
        tripsRequested: totals.requested,
        tripsRejected: totals.rejected,
        tripsApproved: totals.approved,
        tripsCancelled: totals.cancelled,
        tripsCompleted: totals.completed,
        rejectionRate: metricValue("REJECTION_RATE", inputs) ?? 0,
        notCarriedOutRate: metricValue("NOT_CARRIED_OUT_RATE", inputs) ?? 0,
        participants: totals.participants,
        averageDelegationSize: metricValue("AVERAGE_DELEGATION_SIZE", inputs) ?? 0,
        tripsPerMonth: metricValue("TRIPS_PER_MONTH", inputs) ?? 0,
        eventsAttended: events[0].online,
        countriesVisited: all<{ code: string; name_en: string; name_fa: string; trips: number; participants: number }>(
          countriesStmt,
          cityId,
          range.from,
          range.to,
        ).map((c) => ({
          country: { code: c.code, name: { en: text(c.name_en), fa: text(c.name_fa) } },
          trips: c.trips,
          participants: c.participants,
        })),
        activeMemberships: all<{ role: string; start_date: string | null; acronym: string | null; name_en: string }>(
          membershipsStmt,
          cityId,
          range.to,
          range.to,
          range.to,
        ).map((m) => ({
          organisation: { acronym: m.acronym, name: { en: text(m.name_en) } },
          role: m.role,
          startDate: m.start_date,
        })),
        reportedFigures: figures.map((f) => {
          const i = keys.indexOf(`${f.period_from}/${f.period_to}`);
          const attended = events[i];
          const eventsAttended =
            f.attendance_mode === "ONLINE"
              ? attended.online
              : f.attendance_mode === "IN_PERSON"
                ? attended.inPerson
                : attended.all;
          const calendar = naturalCalendar(f.period_from, f.period_to);
          return {
            metric: f.metric,
            reported: f.value,
            computed: metricValue(f.metric, {
              ...trips[i],
              eventsAttended,
              months: monthsInRange(f.period_from, f.period_to, calendar),
            }),
            source: { title: f.title, publishedOn: f.published_on },
          };
        }),
      },
    };
  }

  // ---- series
  const seriesStmt = db.prepare(`
    select start_jy as jy, start_jm as jm, sum(status = 'COMPLETED') as completed
    from trips where city_id = ? and start_date between ? and ?
    group by start_jy, start_jm`);
  function series() {
    const cityId = homeCityId();
    const range = jalaliMonthRange(SERIES_YEAR, 1, 12);
    const byKey = new Map<string, number>();
    for (const r of all<{ jy: number; jm: number; completed: number }>(seriesStmt, cityId, range.from, range.to)) {
      byKey.set(`${r.jy}-${String(r.jm).padStart(2, "0")}`, r.completed);
    }
    return {
      series: timeBuckets("JALALI_MONTH", range.from, range.to).map((b) => ({
        key: b.key,
        label: { fa: text(b.fa), en: text(b.en) },
        value: byKey.get(b.key) ?? 0,
      })),
    };
  }

  // ---- researcher: one page, then each relation for all of the page's trips at once
  const pageStmt = db.prepare(`
    select id, public_id, code, purpose, start_date, delegation_size, title_en
    from trips where status = 'COMPLETED' order by start_date desc, id desc limit ?`);
  const legsStmt = db.prepare(`
    select l.trip_id, c.slug, c.name_en, co.code
    from trip_legs l join cities c on c.id = l.city_id join countries co on co.id = c.country_id
    where l.trip_id in (select value from json_each(?)) order by l.trip_id, l.position`);
  const delegatesStmt = db.prepare(`
    select trip_id, title, role from trip_delegates where trip_id in (select value from json_each(?)) order by trip_id, position`);
  const organisationsStmt = db.prepare(`
    select t.trip_id, o.slug, o.acronym from trip_organisations t join organisations o on o.id = t.organisation_id
    where t.trip_id in (select value from json_each(?)) order by o.slug`);
  const eventsStmt = db.prepare(`
    select te.trip_id, e.name_en, e.format from trip_events te join events e on e.id = te.event_id
    where te.trip_id in (select value from json_each(?)) order by e.start_date, e.id`);
  const sourcesStmt = db.prepare(`
    select rs.record_id as trip_id, s.title, coalesce(nullif(rs.locator, ''), s.locator) as locator
    from record_sources rs join sources s on s.id = rs.source_id
    where rs.record_type = 'TRIP' and rs.record_id in (select value from json_each(?)) order by rs.id`);

  function grouped<Row extends { trip_id: number }, V>(rows: Row[], value: (row: Row) => V): Map<number, V[]> {
    const map = new Map<number, V[]>();
    for (const row of rows) {
      const list = map.get(row.trip_id);
      if (list) list.push(value(row));
      else map.set(row.trip_id, [value(row)]);
    }
    return map;
  }

  function researcher() {
    const fetched = all<{
      id: number;
      public_id: string;
      code: string | null;
      purpose: string;
      start_date: string;
      delegation_size: number;
      title_en: string | null;
    }>(pageStmt, RESEARCHER_FIRST + 1);
    const rows = fetched.slice(0, RESEARCHER_FIRST);
    const ids = JSON.stringify(rows.map((r) => r.id));
    const legs = grouped(all<{ trip_id: number; slug: string; name_en: string; code: string }>(legsStmt, ids), (r) => ({
      slug: r.slug,
      name: { en: text(r.name_en) },
      country: { code: r.code },
    }));
    const delegates = grouped(all<{ trip_id: number; title: string; role: string }>(delegatesStmt, ids), (r) => ({
      position: r.title,
      role: r.role,
    }));
    const organisations = grouped(
      all<{ trip_id: number; slug: string; acronym: string | null }>(organisationsStmt, ids),
      (r) => ({ slug: r.slug, acronym: r.acronym }),
    );
    const events = grouped(all<{ trip_id: number; name_en: string; format: string }>(eventsStmt, ids), (r) => ({
      name: { en: text(r.name_en) },
      format: r.format,
    }));
    const sources = grouped(all<{ trip_id: number; title: string; locator: string | null }>(sourcesStmt, ids), (r) => ({
      title: r.title,
      locator: r.locator,
    }));
    const last = rows[rows.length - 1];
    return {
      trips: {
        pageInfo: {
          hasNextPage: fetched.length > RESEARCHER_FIRST,
          // As src/data/pagination.ts encodes it: the ordering's signature, then the sort values.
          endCursor: last
            ? Buffer.from(JSON.stringify(["trips", "START_DATE:d,id:d", last.start_date, last.id]), "utf8").toString("base64url")
            : null,
        },
        nodes: rows.map((t) => ({
          id: globalId("Trip", t.public_id),
          code: t.code,
          purpose: t.purpose,
          startDate: t.start_date,
          delegationSize: t.delegation_size,
          title: { en: text(t.title_en) },
          destinations: legs.get(t.id) ?? [],
          delegates: delegates.get(t.id) ?? [],
          organisations: organisations.get(t.id) ?? [],
          events: events.get(t.id) ?? [],
          sources: sources.get(t.id) ?? [],
        })),
      },
    };
  }

  // ---- node
  const tripByPublicId = db.prepare(`select public_id, code, status, start_date from trips where public_id = ?`);
  const publicIdStmts = new Map(
    Object.entries(TABLE_OF).map(([type, table]) => [type, db.prepare(`select public_id from ${table} where public_id = ?`)]),
  );
  function node(variables: Record<string, unknown>) {
    const id = typeof variables.id === "string" ? variables.id : "";
    const decoded = Buffer.from(id, "base64url").toString("utf8");
    const colon = decoded.indexOf(":");
    const type = decoded.slice(0, colon);
    const publicId = decoded.slice(colon + 1);
    if (colon < 1 || !(type in TABLE_OF) || globalId(type, publicId) !== id) throw new Error(`raw: "${id}" is not a global ID`);
    if (type === "Trip") {
      const t = get<{ public_id: string; code: string | null; status: string; start_date: string }>(tripByPublicId, publicId);
      return { node: t ? { id, code: t.code, status: t.status, startDate: t.start_date } : null };
    }
    return { node: get(publicIdStmts.get(type) as Database.Statement, publicId) ? { id } : null };
  }

  // ---- search: the same FTS5 statement as src/data/search.ts, then public ids per type
  const searchStmt = db.prepare(`
    select record_type as type, record_id as id from search_index
    where search_index match ?
    order by rowid in (select rowid from search_index where search_index match ?) desc, bm25(search_index, 0, 0, 10.0, 5.0, 1.0), rowid
    limit ?`);
  const publicIdsStmt = new Map(
    SEARCHABLE_TYPES.map((type) => [
      type,
      db.prepare(`select id, public_id from ${TABLE_OF[TYPE_NAMES[type]]} where id in (select value from json_each(?))`),
    ]),
  );
  const searchQuery = (() => {
    const tokens = searchTokens(SEARCH_TEXT);
    return tokens.length ? tokens.map((t) => `"${t.replaceAll('"', '""')}"*`).join(" AND ") : null;
  })();
  function search() {
    if (!searchQuery) return { search: [] };
    const matches = all<{ type: SearchableType; id: number }>(searchStmt, searchQuery, `keys : (${searchQuery})`, SEARCH_FIRST);
    const publicIds = new Map<string, string>();
    for (const type of SEARCHABLE_TYPES) {
      const ids = matches.filter((m) => m.type === type).map((m) => Number(m.id));
      if (ids.length === 0) continue;
      for (const r of all<{ id: number; public_id: string }>(publicIdsStmt.get(type) as Database.Statement, JSON.stringify(ids)))
        publicIds.set(`${type}:${r.id}`, r.public_id);
    }
    return {
      search: matches.flatMap((m) => {
        const publicId = publicIds.get(`${m.type}:${Number(m.id)}`);
        return publicId ? [{ __typename: TYPE_NAMES[m.type], id: globalId(TYPE_NAMES[m.type], publicId) }] : [];
      }),
    };
  }

  return { operations: { dashboard, series, researcher, node, search }, statements: () => statements };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolveBody(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

export function startRawServer(options: { database: string; port: number; host: string; homeCity: string }) {
  const db = new Database(options.database, { fileMustExist: true });
  // The same pragmas as the server's connection (db/connection.ts).
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  const { operations, statements } = createRawHandlers(db, options.homeCity);
  let requests = 0;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const path = (req.url ?? "/").split("?")[0];
      if (req.method === "GET" && path === "/healthz") return send(res, 200, `{"status":"ok"}`);
      if (req.method === "GET" && path === "/stats")
        return send(res, 200, JSON.stringify({ requests, statements: statements(), rss: process.memoryUsage().rss }));
      const operation = req.method === "POST" ? operations[path.slice(1)] : undefined;
      if (!operation) return send(res, 404, `{"error":"not found"}`);
      const body = await readBody(req);
      const variables = ((body ? JSON.parse(body) : {}) as { variables?: Record<string, unknown> }).variables ?? {};
      requests++;
      send(res, 200, JSON.stringify({ data: operation(variables) }));
    } catch (error) {
      send(res, 500, JSON.stringify({ error: (error as Error).message }));
    }
  };
  // handle() answers every request itself, a failure with a 500, so the server does not wait on it.
  const server = createServer((req, res) => void handle(req, res));
  server.listen(options.port, options.host);
  return { server, db };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const database = process.env.RAW_DATABASE;
  if (!database) {
    console.error("raw: set RAW_DATABASE to the SQLite file");
    process.exit(2);
  }
  const { server, db } = startRawServer({
    database,
    port: Number(process.env.PORT ?? 4100),
    host: process.env.HOST ?? "127.0.0.1",
    homeCity: process.env.HOME_CITY ?? "tehran",
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      server.close();
      db.close();
      process.exit(0);
    });
  }
}
