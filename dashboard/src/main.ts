/**
 * The dashboard page: one GraphQL request per view (a period), drawn in the chosen language. A
 * language switch redraws from the answer it has; a new period asks again. `data-state` on the
 * body is "loading", "ready" (the view is drawn) or "error", for the tests and the first-render
 * measurement (scripts/measure-dashboard.ts).
 */
import "./style.css";
import { fetchDashboard, type Dashboard } from "./api.js";
import {
  cityFeatures,
  COVERAGE_COLOURS,
  destinationMap,
  localized,
  membershipTimeline,
  monthlyChart,
  purposesChart,
} from "./charts.js";
import { browserLang, formats, TEXTS, type Formats, type Lang } from "./i18n.js";
import { monthlyGrouping, periodFromSearch, periodInput, periodPicker, periodToSearch, type Period } from "./period.js";
import type { CoverageStatus, Metric } from "./generated/graphql.js";

const app = document.getElementById("app") as HTMLElement;
const search = new URLSearchParams(window.location.search);
const givenLang = search.get("lang");
let lang: Lang = givenLang === "fa" || givenLang === "en" ? givenLang : browserLang(navigator.languages);
let period: Period = periodFromSearch(search);
let answer: Dashboard | null = null;
let failure: string | null = null;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function card(title: string, note: string, className = ""): { section: HTMLElement; body: HTMLElement } {
  const section = element("section", { class: `card ${className}`.trim() });
  const body = element("div", { class: "chart" });
  section.append(element("h2", {}, title), body, element("p", { class: "note" }, note));
  return { section, body };
}

const RATE_METRICS = new Set<Metric>(["REJECTION_RATE", "NOT_CARRIED_OUT_RATE"]);
const WHOLE_METRICS = new Set<Metric>([
  "TRIPS_REQUESTED",
  "TRIPS_REJECTED",
  "TRIPS_CANCELLED",
  "TRIPS_COMPLETED",
  "PARTICIPANTS",
  "EVENTS_ATTENDED",
]);

function figure(metric: Metric, value: number, format: Formats): string {
  if (RATE_METRICS.has(metric)) return format.percent(value);
  if (WHOLE_METRICS.has(metric)) return format.int(value);
  return format.decimal(value, 1);
}

function headline(data: Dashboard, format: Formats): HTMLElement {
  const t = TEXTS[lang].headline;
  const fp = data.footprint;
  const items: [keyof typeof t, string][] = [
    ["tripsRequested", format.int(fp.tripsRequested)],
    ["tripsRejected", format.int(fp.tripsRejected)],
    ["tripsApproved", format.int(fp.tripsApproved)],
    ["tripsCompleted", format.int(fp.tripsCompleted)],
    ["participants", format.int(fp.participants)],
    ["rejectionRate", format.percent(fp.rejectionRate)],
    ["notCarriedOutRate", format.percent(fp.notCarriedOutRate)],
    ["tripsPerMonth", format.decimal(fp.tripsPerMonth, 1)],
  ];
  const strip = element("section", { class: "headline", "aria-label": TEXTS[lang].title });
  for (const [metric, text] of items) {
    const item = element("div", { class: "figure" });
    item.append(element("span", { class: "value", "data-metric": metric }, text), element("span", { class: "label" }, t[metric]));
    strip.append(item);
  }
  return strip;
}

function coverageLegend(data: Dashboard, format: Formats): HTMLElement {
  const t = TEXTS[lang];
  const legend = element("div", { class: "legend" });
  const present = new Set<CoverageStatus>(data.monthly.map((point) => point.coverage));
  for (const status of ["COMPLETE", "PARTIAL", "NOT_PUBLISHED", "UNKNOWN"] as const) {
    if (!present.has(status)) continue;
    const swatch = element("span", { class: `swatch swatch-${status.toLowerCase()}` });
    if (status !== "UNKNOWN") swatch.style.background = COVERAGE_COLOURS[status];
    const entry = element("span", { class: "entry" });
    entry.append(swatch, document.createTextNode(t.coverage[status]));
    legend.append(entry);
  }
  const { coverage } = data.footprint;
  legend.append(
    element(
      "span",
      { class: "coverage-summary" },
      t.coverageSummary(format.int(coverage.completeDays), format.int(coverage.days)),
    ),
  );
  return legend;
}

function periodText(p: { from: string; to: string }, format: Formats): string {
  return `${format.date(p.from)} – ${format.date(p.to)}`;
}

function reportedTable(data: Dashboard, format: Formats): HTMLElement {
  const t = TEXTS[lang];
  const table = element("table", { class: "reported" });
  const head = element("tr");
  for (const column of [t.columns.figure, t.columns.reported, t.columns.computed, t.columns.period, t.columns.source])
    head.append(element("th", { scope: "col" }, column));
  table.append(element("thead"), element("tbody"));
  table.tHead?.append(head);
  for (const row of data.footprint.reportedFigures) {
    const tr = element("tr", { "data-metric": row.metric });
    const mode = row.mode === "ONLINE" ? ` (${t.online})` : row.mode === "IN_PERSON" ? ` (${t.inPerson})` : "";
    const source = [row.source.title, row.source.locator, row.source.publishedOn ? format.date(row.source.publishedOn) : null]
      .filter(Boolean)
      .join(" · ");
    tr.append(
      element("th", { scope: "row" }, `${t.metrics[row.metric]}${mode}`),
      element("td", { class: "num", "data-column": "reported" }, figure(row.metric, row.reported, format)),
      element(
        "td",
        { class: "num", "data-column": "computed" },
        row.computed === null ? "–" : figure(row.metric, row.computed, format),
      ),
      element("td", {}, periodText(row.period, format)),
      element("td", { class: "source" }, source),
    );
    table.tBodies[0]?.append(tr);
  }
  if (data.footprint.reportedFigures.length === 0) {
    const none = element("td", { colspan: "5", class: "none" }, t.noReported);
    table.tBodies[0]?.append(element("tr"));
    table.tBodies[0]?.rows[0]?.append(none);
  }
  return table;
}

function costs(data: Dashboard, format: Formats): HTMLElement {
  const list = element("ul", { class: "costs" });
  for (const total of data.footprint.costTotals) {
    const amount = new Intl.NumberFormat(lang === "fa" ? "fa-IR" : "en-GB", {
      style: "currency",
      currency: total.total.currency,
      maximumFractionDigits: 0,
    }).format(total.total.amount);
    const item = element("li", { "data-currency": total.total.currency });
    item.append(
      element("span", { class: "value" }, amount),
      element("span", { class: "label" }, `${format.int(total.trips)} ${TEXTS[lang].trips}`),
    );
    list.append(item);
  }
  return list;
}

/** Memberships without a start date have no place on the time line: named beside it, not left out. */
function undatedMemberships(data: Dashboard): HTMLElement {
  const t = TEXTS[lang];
  const undated = data.footprint.city.memberships.nodes.filter((membership) => !membership.startDate);
  const names = undated.map(
    (membership) =>
      `${membership.organisation.acronym ?? localized(membership.organisation.name, lang)} (${t.roles[membership.role]})`,
  );
  return element(
    "p",
    { class: "undated", "data-count": String(undated.length) },
    undated.length ? `${t.undated}: ${names.join(lang === "fa" ? "، " : ", ")}` : "",
  );
}

function render(): void {
  const t = TEXTS[lang];
  const format = formats(lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === "fa" ? "rtl" : "ltr";
  document.title = t.title;
  app.replaceChildren();

  const header = element("header", { class: "top" });
  const titles = element("div", { class: "titles" });
  const cityName = answer ? localized(answer.footprint.city.name, lang) : "";
  titles.append(element("h1", {}, t.title), element("p", { class: "subtitle" }, answer ? t.subtitle(cityName) : ""));
  const switcher = element(
    "button",
    { type: "button", class: "lang", "data-switch-lang": lang === "fa" ? "en" : "fa" },
    t.switchTo,
  );
  switcher.addEventListener("click", () => {
    lang = lang === "fa" ? "en" : "fa";
    const next = new URLSearchParams(window.location.search);
    next.set("lang", lang);
    history.replaceState(null, "", `?${next.toString()}`);
    render();
  });
  header.append(titles, periodPicker(lang, format, period, pick), switcher);
  app.append(header);

  if (failure) {
    app.append(element("p", { class: "error", role: "alert" }, `${t.failed}: ${failure}`));
    return;
  }
  if (!answer) {
    app.append(element("p", { class: "loading" }, t.loading));
    return;
  }
  const data = answer;
  app.append(headline(data, format));
  app.append(element("p", { class: "period" }, periodText(data.footprint.period, format)));

  const grid = element("div", { class: "grid" });
  app.append(grid);
  const width = (node: HTMLElement) => Math.max(280, Math.floor(node.getBoundingClientRect().width));

  const monthly = card(t.monthly, t.monthlyNote, "wide");
  grid.append(monthly.section);
  monthly.body.append(monthlyChart(data.monthly, { width: width(monthly.body), lang, format }), coverageLegend(data, format));

  const cities = cityFeatures(data.footprint.geojson);
  const map = card(t.map, t.mapNote(format.int(cities.length)), "wide");
  grid.append(map.section);
  map.body.append(destinationMap(cities, data.footprint.city, { width: width(map.body), lang, format }));

  const purposes = card(t.purposes, t.purposesNote);
  grid.append(purposes.section);
  purposes.body.append(purposesChart(data.purposes, { width: width(purposes.body), lang, format }));

  const spend = card(t.costs, t.costsNote(format.int(data.footprint.tripsWithoutCost)));
  grid.append(spend.section);
  spend.body.append(costs(data, format));

  const memberships = card(t.memberships, t.membershipsNote, "wide");
  grid.append(memberships.section);
  memberships.body.append(
    membershipTimeline(data.footprint.city.memberships.nodes, data.footprint.period, {
      width: width(memberships.body),
      lang,
      format,
    }),
    undatedMemberships(data),
  );

  const reported = card(t.reported, t.reportedNote, "wide");
  grid.append(reported.section);
  reported.body.append(reportedTable(data, format));
}

function setState(state: "loading" | "ready" | "error"): void {
  document.body.dataset.state = state;
}

async function load(): Promise<void> {
  setState("loading");
  answer = null;
  failure = null;
  render();
  try {
    answer = await fetchDashboard({ period: periodInput(period), monthly: monthlyGrouping(period) });
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  render();
  // Ready once the drawn view has been painted: the next frame, then the task after it. The first
  // view's time since navigation start is what scripts/measure-dashboard.ts reports.
  requestAnimationFrame(() =>
    setTimeout(() => {
      if (!document.body.dataset.firstRenderMs) document.body.dataset.firstRenderMs = String(Math.round(performance.now()));
      setState(failure ? "error" : "ready");
    }, 0),
  );
}

function pick(next: Period): void {
  period = next;
  const params = new URLSearchParams(window.location.search);
  periodToSearch(period, params);
  history.pushState(null, "", `?${params.toString()}`);
  void load();
}

window.addEventListener("popstate", () => {
  period = periodFromSearch(new URLSearchParams(window.location.search));
  void load();
});

void load();
