/**
 * The period a view shows, in the calendar it was picked in: a Jalali year with a month range, or
 * two Gregorian dates. It lives in the page's address (?jy=1401&jm=1-12, ?from=…&to=…) so a view can
 * be linked to, and turns into the API's PeriodInput and the monthly chart's grouping.
 */
import type { Grouping, PeriodInput } from "./generated/graphql.js";
import { JALALI_MONTHS, TEXTS, type Formats, type Lang } from "./i18n.js";

export interface JalaliPeriod {
  calendar: "jalali";
  year: number;
  monthFrom: number;
  monthTo: number;
}
export type Period = JalaliPeriod | { calendar: "gregorian"; from: string; to: string };

/** The seed's year: the committee's report covers Shahrivar..Esfand 1401. */
export const DEFAULT_PERIOD: JalaliPeriod = { calendar: "jalali", year: 1401, monthFrom: 1, monthTo: 12 };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function periodFromSearch(search: URLSearchParams): Period {
  const from = search.get("from");
  const to = search.get("to");
  if (from && to && ISO_DATE.test(from) && ISO_DATE.test(to)) return { calendar: "gregorian", from, to };
  const year = Number(search.get("jy"));
  const [monthFrom, monthTo] = (search.get("jm") ?? "1-12").split("-").map(Number);
  if (Number.isInteger(year) && year > 0 && monthFrom && monthTo) return { calendar: "jalali", year, monthFrom, monthTo };
  return DEFAULT_PERIOD;
}

export function periodToSearch(period: Period, search: URLSearchParams): void {
  for (const name of ["jy", "jm", "from", "to"]) search.delete(name);
  if (period.calendar === "gregorian") {
    search.set("from", period.from);
    search.set("to", period.to);
  } else {
    search.set("jy", String(period.year));
    search.set("jm", `${period.monthFrom}-${period.monthTo}`);
  }
}

export function periodInput(period: Period): PeriodInput {
  return period.calendar === "gregorian"
    ? { from: period.from, to: period.to }
    : { jalaliYear: period.year, jalaliMonthFrom: period.monthFrom, jalaliMonthTo: period.monthTo };
}

/** The monthly chart counts months in the period's own calendar. */
export function monthlyGrouping(period: Period): Grouping {
  return period.calendar === "gregorian" ? "MONTH" : "JALALI_MONTH";
}

/** The picker's years: from the first the dataset could hold (the committee's records) to this one. */
const FIRST_YEAR = 1390;
function currentJalaliYear(): number {
  const year = new Intl.DateTimeFormat("en-u-ca-persian-nu-latn", { year: "numeric", timeZone: "Asia/Tehran" })
    .formatToParts(new Date())
    .find((part) => part.type === "year");
  return Math.max(DEFAULT_PERIOD.year, Number(year?.value ?? DEFAULT_PERIOD.year));
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function labelled(label: string, control: HTMLElement): HTMLLabelElement {
  const wrapper = element("label");
  wrapper.append(element("span", {}, label), control);
  return wrapper;
}

function select(name: string, options: [value: string, label: string][], selected: string): HTMLSelectElement {
  const node = element("select", { name });
  for (const [value, label] of options) {
    const option = element("option", { value }, label);
    option.selected = value === selected;
    node.append(option);
  }
  return node;
}

/** The picker: calendar, then a year and a month range (Jalali) or two dates (Gregorian). */
export function periodPicker(lang: Lang, format: Formats, period: Period, onPick: (period: Period) => void): HTMLFormElement {
  const t = TEXTS[lang];
  const form = element("form", { class: "picker", "aria-label": t.calendar });
  const calendar = select(
    "calendar",
    [
      ["jalali", t.jalali],
      ["gregorian", t.gregorian],
    ],
    period.calendar,
  );
  const jalali = period.calendar === "jalali" ? period : DEFAULT_PERIOD;
  const years: [string, string][] = [];
  for (let year = FIRST_YEAR; year <= currentJalaliYear(); year++)
    years.push([String(year), format.int(year).replace(/[٬,]/g, "")]);
  const months = JALALI_MONTHS[lang].map((name, i): [string, string] => [String(i + 1), name]);
  const jalaliFields = element("span", { class: "fields", "data-calendar": "jalali" });
  jalaliFields.append(
    labelled(t.year, select("jy", years, String(jalali.year))),
    labelled(t.fromMonth, select("jmFrom", months, String(jalali.monthFrom))),
    labelled(t.toMonth, select("jmTo", months, String(jalali.monthTo))),
  );
  const gregorian = period.calendar === "gregorian" ? period : { from: "2022-03-21", to: "2023-03-20" };
  const gregorianFields = element("span", { class: "fields", "data-calendar": "gregorian" });
  gregorianFields.append(
    labelled(t.fromDate, element("input", { type: "date", name: "from", value: gregorian.from, required: "" })),
    labelled(t.toDate, element("input", { type: "date", name: "to", value: gregorian.to, required: "" })),
  );
  const showFields = () => {
    jalaliFields.hidden = calendar.value !== "jalali";
    gregorianFields.hidden = calendar.value !== "gregorian";
  };
  calendar.addEventListener("change", showFields);
  showFields();
  form.append(labelled(t.calendar, calendar), jalaliFields, gregorianFields, element("button", { type: "submit" }, t.show));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const value = (name: string) => {
      const field = data.get(name);
      return typeof field === "string" ? field : "";
    };
    if (calendar.value === "gregorian") onPick({ calendar: "gregorian", from: value("from"), to: value("to") });
    else {
      const from = Number(value("jmFrom"));
      const to = Number(value("jmTo"));
      onPick({ calendar: "jalali", year: Number(value("jy")), monthFrom: Math.min(from, to), monthTo: Math.max(from, to) });
    }
  });
  return form;
}
