/**
 * The page's charts, drawn with Observable Plot as SVG: trips per month with each month's
 * coverage, requests by purpose, the destination map over world-atlas's country outlines, and the
 * memberships on a time line. Each chart's data marks carry a class (fp-months, fp-purposes,
 * fp-cities, fp-memberships) so the browser tests can count them.
 */
import * as Plot from "@observablehq/plot";
import type { Feature, FeatureCollection, Point } from "geojson";
import { feature } from "topojson-client";
import countries110m from "world-atlas/countries-110m.json";
import type { Dashboard } from "./api.js";
import type { CoverageStatus } from "./generated/graphql.js";
import { JALALI_MONTHS, TEXTS, type Formats, type Lang } from "./i18n.js";

type Localized = { fa: string | null; en: string | null };
export const localized = (text: Localized, lang: Lang): string => text[lang] ?? text.en ?? text.fa ?? "";

export const COVERAGE_COLOURS: Record<CoverageStatus, string> = {
  COMPLETE: "#2f6f8f",
  PARTIAL: "#7fb0c8",
  NOT_PUBLISHED: "#c9a227",
  UNKNOWN: "url(#fp-no-data)",
};

interface ChartSize {
  width: number;
  lang: Lang;
  format: Formats;
}

const FONT = "system-ui, 'Segoe UI', 'Noto Sans', 'DejaVu Sans', Tahoma, sans-serif";
const style = { fontFamily: FONT, fontSize: "12px", background: "transparent", overflow: "visible" } as const;

/** The hatch that marks a month with no data; an SVG pattern, so it needs a defs element in the chart. */
function noDataPattern(): SVGDefsElement {
  const ns = "http://www.w3.org/2000/svg";
  const defs = document.createElementNS(ns, "defs");
  const pattern = document.createElementNS(ns, "pattern");
  for (const [name, value] of Object.entries({
    id: "fp-no-data",
    width: "6",
    height: "6",
    patternUnits: "userSpaceOnUse",
    patternTransform: "rotate(45)",
  }))
    pattern.setAttribute(name, value);
  const background = document.createElementNS(ns, "rect");
  for (const [name, value] of Object.entries({ width: "6", height: "6", fill: "#f1f1f1" })) background.setAttribute(name, value);
  const line = document.createElementNS(ns, "line");
  for (const [name, value] of Object.entries({ x1: "0", y1: "0", x2: "0", y2: "6", stroke: "#b5b5b5", "stroke-width": "2" }))
    line.setAttribute(name, value);
  pattern.append(background, line);
  defs.append(pattern);
  return defs;
}

/**
 * Short month names for the axis ("Mehr", "Oct"): the year only where it changes, on the period's
 * first month and on each new year's first, so twelve ticks fit without turning.
 */
function monthTicks(keys: string[], lang: Lang, format: Formats): Map<string, string> {
  const ticks = new Map<string, string>();
  let lastYear = "";
  for (const key of keys) {
    const [year = "", month = "1"] = key.split("-");
    const jalali = Number(year) < 1700;
    const name = jalali
      ? (JALALI_MONTHS[lang][Number(month) - 1] ?? month)
      : new Intl.DateTimeFormat(lang === "fa" ? "fa-IR-u-ca-gregory" : "en-GB", { month: "short", timeZone: "UTC" }).format(
          new Date(`${key}-01T00:00:00Z`),
        );
    ticks.set(key, year === lastYear ? name : `${name} ${format.int(Number(year)).replace(/[٬,]/g, "")}`);
    lastYear = year;
  }
  return ticks;
}

/**
 * One bar per month of the period. A month no coverage statement covers (UNKNOWN) is drawn as a
 * hatched full-height bar behind whatever was recorded, so "no data" never looks like 0.
 */
export function monthlyChart(points: Dashboard["monthly"], { width, lang, format }: ChartSize): SVGSVGElement | HTMLElement {
  const t = TEXTS[lang];
  const labels = new Map(points.map((point) => [point.key, localized(point.label, lang)]));
  const ticks = monthTicks(
    points.map((point) => point.key),
    lang,
    format,
  );
  const top = Math.max(1, ...points.map((point) => point.value));
  const unknown = points.filter((point) => point.coverage === "UNKNOWN");
  return Plot.plot({
    width,
    height: 280,
    marginBottom: 40,
    marginLeft: 40,
    marginRight: 16,
    style,
    x: {
      type: "band",
      domain: points.map((point) => point.key),
      tickFormat: (key: string) => ticks.get(key) ?? key,
      label: null,
      reverse: lang === "fa",
      padding: 0.15,
    },
    y: {
      grid: true,
      label: null,
      domain: [0, top],
      nice: true,
      tickFormat: (value: number) => format.int(value),
      ticks: Math.min(top, 6),
    },
    marks: [
      noDataPattern,
      Plot.barY(unknown, { x: "key", y1: 0, y2: top, fill: COVERAGE_COLOURS.UNKNOWN, className: "fp-no-data" }),
      Plot.barY(points, {
        x: "key",
        y: "value",
        fill: (point: Dashboard["monthly"][number]) =>
          point.coverage === "UNKNOWN" ? "#8a8a8a" : COVERAGE_COLOURS[point.coverage],
        className: "fp-months",
        title: (point: Dashboard["monthly"][number]) =>
          `${labels.get(point.key)}: ${format.int(point.value)} ${t.trips} (${t.coverage[point.coverage]})`,
      }),
      Plot.text(points, {
        x: "key",
        y: "value",
        text: (point: Dashboard["monthly"][number]) => (point.value > 0 ? format.int(point.value) : ""),
        dy: -8,
        fill: "#333",
      }),
      Plot.ruleY([0], { stroke: "#666" }),
    ],
  });
}

/** Requests per purpose, most first. */
export function purposesChart(points: Dashboard["purposes"], { width, lang, format }: ChartSize): SVGSVGElement | HTMLElement {
  const sorted = [...points].sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));
  const labels = new Map(sorted.map((point) => [point.key, localized(point.label, lang)]));
  const top = Math.max(1, ...sorted.map((point) => point.value));
  return Plot.plot({
    width,
    height: 40 + sorted.length * 28,
    marginLeft: lang === "fa" ? 30 : 200,
    marginRight: lang === "fa" ? 200 : 30,
    style,
    y: { type: "band", domain: sorted.map((point) => point.key), axis: null },
    x: {
      grid: true,
      label: null,
      domain: [0, top],
      nice: true,
      reverse: lang === "fa",
      tickFormat: (value: number) => format.int(value),
      ticks: Math.min(top, 5),
    },
    marks: [
      // Long purposes ("Bilateral negotiations on economic understandings") end in an ellipsis; the bar's title has them whole.
      Plot.axisY({
        anchor: lang === "fa" ? "right" : "left",
        tickFormat: (key: string) => labels.get(key) ?? key,
        label: null,
        lineWidth: 17,
        textOverflow: "ellipsis",
      }),
      Plot.barX(sorted, {
        y: "key",
        x: "value",
        fill: "#c0603a",
        className: "fp-purposes",
        title: (point: Dashboard["purposes"][number]) => `${labels.get(point.key)}: ${format.int(point.value)}`,
      }),
      Plot.text(sorted, {
        y: "key",
        x: "value",
        text: (point: Dashboard["purposes"][number]) => format.int(point.value),
        dx: lang === "fa" ? -12 : 12,
        fill: "#333",
      }),
      Plot.ruleX([0], { stroke: "#666" }),
    ],
  });
}

interface CityProperties {
  slug: string;
  name: Localized;
  country: string;
  trips: number;
  participants: number;
}
export type CityFeature = Feature<Point, CityProperties>;

type Topology = Parameters<typeof feature>[0];
const TOPOLOGY = countries110m as unknown as Topology;
const WORLD = feature(TOPOLOGY, TOPOLOGY.objects.countries as Parameters<typeof feature>[1]);

export function cityFeatures(geojson: unknown): CityFeature[] {
  const collection = geojson as FeatureCollection<Point, CityProperties> | null;
  return collection?.features ?? [];
}

type HomeCity = Dashboard["footprint"]["city"];

/** Destination cities over the country outlines, framed to them and the home city (a star) with some room around. */
export function destinationMap(
  cities: CityFeature[],
  home: HomeCity,
  { width, lang, format }: ChartSize,
): SVGSVGElement | HTMLElement {
  const t = TEXTS[lang];
  const homes =
    home.longitude !== null && home.latitude !== null
      ? [{ x: home.longitude, y: home.latitude, name: localized(home.name, lang) }]
      : [];
  const coordinates = [...cities.map((city) => city.geometry.coordinates), ...homes.map((h) => [h.x, h.y])];
  const busiest = [...cities].sort((a, b) => b.properties.trips - a.properties.trips).slice(0, 8);
  return Plot.plot({
    width,
    height: Math.round(width * 0.45),
    style,
    projection: {
      type: "equal-earth",
      domain: coordinates.length > 0 ? { type: "MultiPoint", coordinates } : { type: "Sphere" },
      inset: 36,
    },
    r: { range: [4, 14] },
    marks: [
      Plot.geo({ type: "Sphere" }, { fill: "#eaf2f7" }),
      Plot.geo(WORLD, { fill: "#fbfaf7", stroke: "#b9c3c9", strokeWidth: 0.6 }),
      Plot.dot(cities, {
        x: (city: CityFeature) => city.geometry.coordinates[0],
        y: (city: CityFeature) => city.geometry.coordinates[1],
        r: (city: CityFeature) => city.properties.trips,
        fill: "#c0603a",
        fillOpacity: 0.75,
        stroke: "white",
        className: "fp-cities",
        title: (city: CityFeature) =>
          `${localized(city.properties.name, lang)}: ${format.int(city.properties.trips)} ${t.trips}, ${format.int(city.properties.participants)} ${t.participantsUnit}`,
      }),
      Plot.text(busiest, {
        x: (city: CityFeature) => city.geometry.coordinates[0],
        y: (city: CityFeature) => city.geometry.coordinates[1],
        text: (city: CityFeature) => localized(city.properties.name, lang),
        dy: -14,
        fill: "#222",
        stroke: "white",
        strokeWidth: 3,
        fontSize: 11,
      }),
      Plot.dot(homes, {
        x: "x",
        y: "y",
        symbol: "star",
        r: 8,
        fill: "#2f6f8f",
        stroke: "white",
        className: "fp-home",
        title: "name",
      }),
      Plot.text(homes, {
        x: "x",
        y: "y",
        text: "name",
        dy: 16,
        fill: "#2f6f8f",
        stroke: "white",
        strokeWidth: 3,
        fontSize: 12,
        fontWeight: 600,
      }),
    ],
  });
}

type Membership = Dashboard["footprint"]["city"]["memberships"]["nodes"][number];

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Each dated membership as a bar from its start to its end (or to today, while it lasts). */
export function membershipTimeline(
  memberships: Membership[],
  period: { from: string; to: string },
  { width, lang, format }: ChartSize,
): SVGSVGElement | HTMLElement {
  const t = TEXTS[lang];
  const today = new Date();
  const dated = memberships
    .filter((membership) => membership.startDate)
    .map((membership) => ({
      membership,
      name: membership.organisation.acronym ?? localized(membership.organisation.name, lang),
      start: day(membership.startDate as string),
      end: membership.endDate ? day(membership.endDate) : today,
    }))
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  type Row = (typeof dated)[number];
  return Plot.plot({
    width,
    height: 40 + dated.length * 22,
    marginLeft: lang === "fa" ? 16 : 110,
    marginRight: lang === "fa" ? 110 : 16,
    style,
    x: { type: "utc", label: null, grid: true, reverse: lang === "fa", tickFormat: (value: Date) => format.year(value) },
    y: {
      type: "band",
      domain: dated.map((row) => row.membership.id),
      tickFormat: (id: string) => dated.find((row) => row.membership.id === id)?.name ?? "",
      label: null,
      axis: lang === "fa" ? "right" : "left",
      padding: 0.3,
    },
    marks: [
      Plot.barX(dated, {
        y: (row: Row) => row.membership.id,
        x1: "start",
        x2: "end",
        fill: (row: Row) => (row.membership.status === "ACTIVE" ? "#2f6f8f" : "#a7b4bb"),
        className: "fp-memberships",
        title: (row: Row) =>
          `${localized(row.membership.organisation.name, lang)} (${t.roles[row.membership.role]}): ${format.date(row.membership.startDate as string)} – ${row.membership.endDate ? format.date(row.membership.endDate) : t.ongoing}`,
      }),
      Plot.ruleX([day(period.from), day(period.to)], { stroke: "#c0603a", strokeDasharray: "4 3" }),
    ],
  });
}
