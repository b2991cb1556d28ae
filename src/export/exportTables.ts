/**
 * The exported tables and their data dictionary: for each table, the GraphQL list it pages (and so
 * the filter it takes), the selection it reads, how a node becomes rows, and each column's type,
 * constraints and bilingual title and description. The CSV and JSONL files, the data package's
 * table schemas and its README are all made from these specs, so the files and their dictionary
 * cannot drift apart.
 */

/** Table Schema field types (https://specs.frictionlessdata.io/table-schema/) the exports use. */
export type ColumnType = "string" | "integer" | "number" | "boolean" | "date" | "datetime";

export interface Bilingual {
  en: string;
  fa: string;
}

/** A GraphQL node (or a nested object of one) as the export's selection returns it. */
export type Node = { readonly [field: string]: unknown };

// The specs' paths are a fixed few, read for every row of an export.
const steps = new Map<string, string[]>();
function stepsOf(path: string): string[] {
  let found = steps.get(path);
  if (!found) steps.set(path, (found = path.split(".")));
  return found;
}

/** The value at a dotted path of a GraphQL result ("cost.amount"); null where a step is missing. */
export function at(value: unknown, path: string): unknown {
  let current = value;
  for (const step of stepsOf(path)) {
    if (current === null || current === undefined || typeof current !== "object") return null;
    current = (current as Node)[step];
  }
  return current ?? null;
}

/** The items of the list at `list` (an empty list where there is none). */
export function itemsAt(value: unknown, list: string): Node[] {
  const items = at(value, list);
  return Array.isArray(items) ? (items as Node[]) : [];
}

/** The value at `path` of each item of the list at `list`: `each(trip, "countries", "code")`. */
export function each(value: unknown, list: string, path: string): unknown[] {
  return itemsAt(value, list).map((item) => at(item, path));
}

export interface ExportColumn {
  name: string;
  type: ColumnType;
  title: Bilingual;
  description: Bilingual;
  required?: boolean;
  /** The GraphQL enum whose values the column takes (read from the schema: one list of values). */
  enumType?: string;
  /** The values the column takes, where no GraphQL enum lists them. */
  values?: string[];
  /** A list: JSONL writes an array, CSV the items joined by "; ". */
  list?: boolean;
  pattern?: string;
  /** The value for one row: `node` is the list's node, `item` the nested item a child table expands. */
  value: (node: Node, item: Node) => unknown;
}

export interface ForeignKey {
  fields: string;
  reference: { resource: string; fields: string };
}

/** Rows read by paging a root connection of the GraphQL API (with its filter). */
export interface ConnectionSource {
  kind: "connection";
  field: string;
  filterType: string;
  selection: string;
  /** The items of a node that become rows (a child table); one row per node when absent. */
  items?: (node: Node) => Node[];
}

/** Rows read by paging several root connections one after the other (a table over record types); no filter. */
export interface ConnectionsSource {
  kind: "connections";
  parts: ConnectionSource[];
}

/** Rows read whole from the data layer (small tables with no GraphQL list); they take no filter. */
export interface WholeTableSource {
  kind: "whole";
  table: "sources" | "reportedFigures" | "coverage";
}

export interface ExportTable {
  name: string;
  title: Bilingual;
  description: Bilingual;
  from: ConnectionSource | ConnectionsSource | WholeTableSource;
  primaryKey: string[];
  foreignKeys: ForeignKey[];
  columns: ExportColumn[];
}

const JALALI_PATTERN = "^\\d{4}(-\\d{2}(-\\d{2})?)?(/\\d{4}(-\\d{2})?)?$";

const col = (
  name: string,
  type: ColumnType,
  en: string,
  fa: string,
  description: Bilingual,
  value: ExportColumn["value"],
  extra: Partial<ExportColumn> = {},
): ExportColumn => ({ name, type, title: { en, fa }, description, value, ...extra });

const text = (en: string, fa: string): Bilingual => ({ en, fa });

const idColumn = (type: string, typeFa: string): ExportColumn =>
  col(
    "id",
    "string",
    "ID",
    "شناسه",
    text(`The ${type}'s global ID in the GraphQL API (node(id:)).`, `شناسهٔ سراسری این ${typeFa} در API گراف‌کیوال (node(id:)).`),
    (n) => n.id,
    { required: true },
  );

const nameColumns = (prefix: string, pick: (n: Node, item: Node) => unknown, what: Bilingual) => [
  col(
    `${prefix}_fa`,
    "string",
    `${what.en} (Persian)`,
    `${what.fa} (فارسی)`,
    text(`${what.en}, in Persian.`, `${what.fa} به فارسی.`),
    (n, i) => at(pick(n, i), "fa"),
  ),
  col(
    `${prefix}_en`,
    "string",
    `${what.en} (English)`,
    `${what.fa} (انگلیسی)`,
    text(`${what.en}, in English.`, `${what.fa} به انگلیسی.`),
    (n, i) => at(pick(n, i), "en"),
  ),
];

/** An ISO date column and its Jalali twin (at the date's own precision: no invented day). */
const dateColumns = (
  prefix: string,
  pick: (n: Node, item: Node) => { iso: unknown; jalali: unknown },
  what: Bilingual,
  required = false,
) => [
  col(
    `${prefix}_date`,
    "date",
    `${what.en} (ISO)`,
    `${what.fa} (میلادی)`,
    text(`${what.en}, as an ISO 8601 date (YYYY-MM-DD).`, `${what.fa} به تاریخ میلادی (YYYY-MM-DD).`),
    (n, i) => pick(n, i).iso,
    { required },
  ),
  col(
    `${prefix}_jalali`,
    "string",
    `${what.en} (Jalali)`,
    `${what.fa} (شمسی)`,
    text(
      `${what.en} in the Jalali calendar, only as precise as it is known: 1401-06-15, or a month range such as 1383-10/1383-11, or a year range such as 1383/1384.`,
      `${what.fa} به تقویم شمسی، به همان دقتی که دانسته است: ۱۴۰۱-۰۶-۱۵، یا بازه‌ای از ماه‌ها یا سال‌ها.`,
    ),
    (n, i) => pick(n, i).jalali,
    { required, pattern: JALALI_PATTERN },
  ),
];

/** A date field and its Jalali twin, by their GraphQL names ("startDate", "startJalali"). */
const dateOf = (node: Node, date: string, jalali: string) => ({ iso: at(node, date), jalali: at(node, `${jalali}.iso`) });

const refColumns = (prefix: string, pick: (n: Node, item: Node) => unknown, what: Bilingual, required = false) => [
  col(
    `${prefix}_id`,
    "string",
    `${what.en}: ID`,
    `${what.fa}: شناسه`,
    text(`The global ID of ${what.en.toLowerCase()}.`, `شناسهٔ سراسری ${what.fa}.`),
    (n, i) => at(pick(n, i), "id"),
    { required },
  ),
  col(
    `${prefix}_slug`,
    "string",
    `${what.en}: slug`,
    `${what.fa}: نامک`,
    text(`The slug of ${what.en.toLowerCase()}, as filters take it.`, `نامک ${what.fa}، چنان‌که فیلترها می‌گیرند.`),
    (n, i) => at(pick(n, i), "slug"),
    { required },
  ),
];

const PROVENANCE_SELECTION = `provenance sourcedFields unsourcedFields citations { source { id } fact fields } externalIds { scheme value } version createdAt updatedAt`;

/** Provenance, citations and version: on every record, so no row is read without its source. */
const recordColumns = (pick: (n: Node, item: Node) => Node = (n) => n): ExportColumn[] => [
  col(
    "provenance",
    "string",
    "Provenance",
    "خاستگاه",
    text(
      "SOURCED when cited sources back every field the record states; PARTLY_SOURCED when they back some (listed in sourced_fields); ILLUSTRATIVE when none does (the values were invented so the dataset reproduces the report's counts, and are not fact).",
      "SOURCED اگر منابع همهٔ فیلدهای رکورد را پشتیبانی کنند؛ PARTLY_SOURCED اگر برخی را؛ ILLUSTRATIVE اگر هیچ‌یک را (مقادیر ساختگی‌اند و واقعیت نیستند).",
    ),
    (n, i) => pick(n, i).provenance,
    { required: true, enumType: "Provenance" },
  ),
  col(
    "sourced_fields",
    "string",
    "Sourced fields",
    "فیلدهای مستند",
    text(
      "The fields of the record (GraphQL names) that a cited source states.",
      "فیلدهایی از رکورد که منبعی آن‌ها را بیان می‌کند.",
    ),
    (n, i) => pick(n, i).sourcedFields,
    { list: true },
  ),
  col(
    "unsourced_fields",
    "string",
    "Unsourced fields",
    "فیلدهای بی‌منبع",
    text(
      "The fields of the record that no cited source states: illustrative values, never to be shown as fact.",
      "فیلدهایی که هیچ منبعی آن‌ها را بیان نمی‌کند: مقادیر نمایشی، نه واقعیت.",
    ),
    (n, i) => pick(n, i).unsourcedFields,
    { list: true },
  ),
  col(
    "citations",
    "string",
    "Citations",
    "استنادها",
    text(
      "Each citation as <source ID>#<fact>: the source (see the sources table) and the numbered fact in it; the citations table says which fields each backs.",
      "هر استناد به صورت <شناسهٔ منبع>#<شمارهٔ واقعیت>: منبع (جدول sources) و واقعیت شماره‌دار آن.",
    ),
    (n, i) =>
      itemsAt(pick(n, i), "citations").map((c) => {
        const source = String(at(c, "source.id"));
        const fact = at(c, "fact");
        return typeof fact === "string" && fact ? `${source}#${fact}` : source;
      }),
    { list: true },
  ),
  col(
    "external_ids",
    "string",
    "External IDs",
    "شناسه‌های بیرونی",
    text(
      "The record's identifiers in other systems, each as <scheme>:<value> (a membership's belong to its organisation's registry).",
      "شناسه‌های رکورد در سامانه‌های دیگر، هر یک به صورت <طرح>:<مقدار>.",
    ),
    (n, i) => itemsAt(pick(n, i), "externalIds").map((x) => `${String(x.scheme)}:${String(x.value)}`),
    { list: true },
  ),
  col(
    "version",
    "integer",
    "Version",
    "نسخه",
    text("The record's version: 1 when created, one more at each change.", "نسخهٔ رکورد: ۱ هنگام ایجاد و یکی بیشتر با هر تغییر."),
    (n, i) => pick(n, i).version,
    { required: true },
  ),
  col(
    "created_at",
    "datetime",
    "Created at",
    "زمان ایجاد",
    text("When the record was created (UTC).", "زمان ایجاد رکورد (UTC)."),
    (n, i) => pick(n, i).createdAt,
    { required: true },
  ),
  col(
    "updated_at",
    "datetime",
    "Updated at",
    "زمان آخرین تغییر",
    text("When the record last changed (UTC).", "زمان آخرین تغییر رکورد (UTC)."),
    (n, i) => pick(n, i).updatedAt,
    { required: true },
  ),
];

const enumColumn = (
  name: string,
  enumType: string,
  en: string,
  fa: string,
  description: Bilingual,
  value: ExportColumn["value"],
  required = true,
) => col(name, "string", en, fa, description, value, { enumType, required });

const CITY_REF = text("The city", "شهر");

const trips: ExportTable = {
  name: "trips",
  title: text("Foreign trips", "سفرهای خارجی"),
  description: text(
    "One row per trip request put to the committee for foreign trips: what it was for, when, who went, and what the committee decided.",
    "هر ردیف یک درخواست سفر خارجی نزد کمیتهٔ سفرهای خارجی: هدف، زمان، اعضا و تصمیم کمیته.",
  ),
  from: {
    kind: "connection",
    field: "trips",
    filterType: "TripFilter",
    selection: `id code title { fa en } status purpose startDate startJalali { iso } endDate endJalali { iso }
      requestedOn reportSubmittedOn headedByMayor delegationSize city { id slug } countries { code }
      destinations { slug } requestingUnitText { fa en } cost { amount currency minorUnits } funding
      decision { outcome decidedOn reasonText { fa en } } invitedBy { slug } organisations { slug } events { id } ${PROVENANCE_SELECTION}`,
  },
  primaryKey: ["id"],
  foreignKeys: [{ fields: "city_id", reference: { resource: "cities", fields: "id" } }],
  columns: [
    idColumn("trip", "سفر"),
    col(
      "code",
      "string",
      "File number",
      "شمارهٔ پرونده",
      text("The committee's file number.", "شمارهٔ پروندهٔ کمیته."),
      (n) => n.code,
      {
        required: true,
      },
    ),
    ...nameColumns("title", (n) => n.title, text("Title", "عنوان")),
    enumColumn(
      "status",
      "TripStatus",
      "Status",
      "وضعیت",
      text("Where the trip stands in the committee's workflow.", "جایگاه سفر در روند کمیته."),
      (n) => n.status,
    ),
    enumColumn("purpose", "TripPurpose", "Purpose", "هدف", text("What the trip was for.", "هدف سفر."), (n) => n.purpose),
    ...dateColumns("start", (n) => dateOf(n, "startDate", "startJalali"), text("Start", "شروع"), true),
    ...dateColumns("end", (n) => dateOf(n, "endDate", "endJalali"), text("End", "پایان")),
    col(
      "requested_on",
      "date",
      "Requested on",
      "تاریخ درخواست",
      text("When the trip was requested (ISO date).", "تاریخ درخواست سفر (میلادی)."),
      (n) => n.requestedOn,
    ),
    col(
      "report_submitted_on",
      "date",
      "Report submitted on",
      "تاریخ ارائهٔ گزارش",
      text("When the delegation's report on the trip was submitted (ISO date).", "تاریخ ارائهٔ گزارش سفر (میلادی)."),
      (n) => n.reportSubmittedOn,
    ),
    col(
      "headed_by_mayor",
      "boolean",
      "Headed by the mayor",
      "به ریاست شهردار",
      text("Whether the mayor led the delegation.", "آیا شهردار ریاست هیئت را داشت."),
      (n) => n.headedByMayor,
      {
        required: true,
      },
    ),
    col(
      "delegation_size",
      "integer",
      "Delegation size",
      "تعداد اعضای هیئت",
      text("How many people travelled.", "تعداد مسافران."),
      (n) => n.delegationSize,
      {
        required: true,
      },
    ),
    ...refColumns("city", (n) => n.city, text("The travelling city", "شهر اعزام‌کننده"), true),
    col(
      "countries",
      "string",
      "Countries",
      "کشورها",
      text("ISO 3166-1 alpha-2 codes of the countries visited.", "کد دوحرفی کشورهای مقصد."),
      (n) => each(n, "countries", "code"),
      {
        list: true,
      },
    ),
    col(
      "destination_cities",
      "string",
      "Destination cities",
      "شهرهای مقصد",
      text(
        "Slugs of the destination cities, in order (one row each in trip_destinations).",
        "نامک شهرهای مقصد به ترتیب (جدول trip_destinations).",
      ),
      (n) => each(n, "destinations", "slug"),
      { list: true },
    ),
    ...nameColumns("requesting_unit", (n) => n.requestingUnitText, text("Requesting unit", "واحد درخواست‌کننده")),
    col(
      "cost_amount",
      "number",
      "Cost",
      "هزینه",
      text("The reported cost, in cost_currency.", "هزینهٔ گزارش‌شده به واحد cost_currency."),
      (n) => at(n, "cost.amount"),
    ),
    col(
      "cost_currency",
      "string",
      "Cost currency",
      "واحد پول",
      text("ISO 4217 code of the cost's currency.", "کد ISO 4217 واحد پول هزینه."),
      (n) => at(n, "cost.currency"),
    ),
    col(
      "cost_minor_units",
      "integer",
      "Cost in minor units",
      "هزینه به خردترین واحد",
      text("The exact cost in the currency's minor units.", "هزینهٔ دقیق به خردترین واحد پول."),
      (n) => at(n, "cost.minorUnits"),
    ),
    enumColumn(
      "funding",
      "Funding",
      "Funding",
      "تأمین هزینه",
      text("Who paid for the trip.", "تأمین‌کنندهٔ هزینهٔ سفر."),
      (n) => n.funding,
      false,
    ),
    enumColumn(
      "decision",
      "DecisionOutcome",
      "Committee decision",
      "تصمیم کمیته",
      text("The committee's decision; empty while none was taken.", "تصمیم کمیته؛ خالی تا تصمیمی گرفته نشده."),
      (n) => at(n, "decision.outcome"),
      false,
    ),
    col(
      "decided_on",
      "date",
      "Decided on",
      "تاریخ تصمیم",
      text("When the committee decided (ISO date).", "تاریخ تصمیم کمیته (میلادی)."),
      (n) => at(n, "decision.decidedOn"),
    ),
    ...nameColumns("decision_reason", (n) => at(n, "decision.reasonText"), text("Decision reason", "دلیل تصمیم")),
    col(
      "invited_by",
      "string",
      "Invited by",
      "دعوت‌کننده",
      text("Slug of the inviting organisation.", "نامک سازمان دعوت‌کننده."),
      (n) => at(n, "invitedBy.slug"),
    ),
    col(
      "organisations",
      "string",
      "Organisations",
      "سازمان‌ها",
      text("Slugs of the organisations the trip was linked to.", "نامک سازمان‌های مرتبط با سفر."),
      (n) => each(n, "organisations", "slug"),
      {
        list: true,
      },
    ),
    col(
      "events",
      "string",
      "Events",
      "رویدادها",
      text("Global IDs of the events the trip went to (see events).", "شناسهٔ رویدادهایی که سفر برای آن‌ها بود (جدول events)."),
      (n) => each(n, "events", "id"),
      { list: true },
    ),
    ...recordColumns(),
  ],
};

/** The trip a row of a trip's child table belongs to: its ID (the key) and its file number (for people). */
const tripColumns: ExportColumn[] = [
  col("trip_id", "string", "Trip ID", "شناسهٔ سفر", text("The trip (see trips).", "سفر (جدول trips)."), (n) => n.id, {
    required: true,
  }),
  col(
    "trip_code",
    "string",
    "Trip file number",
    "شمارهٔ پروندهٔ سفر",
    text("The trip's file number.", "شمارهٔ پروندهٔ سفر."),
    (n) => n.code,
    { required: true },
  ),
];

const tripDestinations: ExportTable = {
  name: "trip_destinations",
  title: text("Trip destinations", "مقصدهای سفر"),
  description: text("One row per destination city of a trip, in the order visited.", "هر ردیف یک شهر مقصد یک سفر، به ترتیب."),
  from: {
    kind: "connection",
    field: "trips",
    filterType: "TripFilter",
    selection: `id code destinations { id slug name { fa en } country { code } }`,
    items: (n) => itemsAt(n, "destinations").map((city, i) => ({ city, position: i + 1 })),
  },
  primaryKey: ["trip_id", "position"],
  foreignKeys: [
    { fields: "trip_id", reference: { resource: "trips", fields: "id" } },
    { fields: "city_id", reference: { resource: "cities", fields: "id" } },
  ],
  columns: [
    ...tripColumns,
    col(
      "position",
      "integer",
      "Position",
      "ترتیب",
      text("1 for the first destination, and so on.", "۱ برای نخستین مقصد و به همین ترتیب."),
      (_n, i) => i.position,
      {
        required: true,
      },
    ),
    ...refColumns("city", (_n, i) => i.city, CITY_REF, true),
    ...nameColumns("city_name", (_n, i) => at(i, "city.name"), text("City name", "نام شهر")),
    col(
      "country",
      "string",
      "Country",
      "کشور",
      text("ISO 3166-1 alpha-2 code of the city's country.", "کد دوحرفی کشور شهر."),
      (_n, i) => at(i, "city.country.code"),
      {
        required: true,
      },
    ),
  ],
};

const delegates: ExportTable = {
  name: "delegates",
  title: text("Delegates", "اعضای هیئت"),
  description: text("One row per recorded member of a trip's delegation.", "هر ردیف یک عضو ثبت‌شدهٔ هیئت یک سفر."),
  from: {
    kind: "connection",
    field: "trips",
    filterType: "TripFilter",
    selection: `id code delegates { role name { fa en } positionText { fa en } unitText { fa en } }`,
    items: (n) => itemsAt(n, "delegates").map((delegate, i) => ({ ...delegate, position: i + 1 })),
  },
  primaryKey: ["trip_id", "position"],
  foreignKeys: [{ fields: "trip_id", reference: { resource: "trips", fields: "id" } }],
  columns: [
    ...tripColumns,
    col(
      "position",
      "integer",
      "Position",
      "ترتیب",
      text("The delegate's place in the delegation as recorded.", "جایگاه عضو در فهرست هیئت."),
      (_n, i) => i.position,
      {
        required: true,
      },
    ),
    enumColumn(
      "role",
      "DelegateRole",
      "Role",
      "نقش",
      text("The delegate's role in the delegation.", "نقش عضو در هیئت."),
      (_n, i) => i.role,
    ),
    ...nameColumns("name", (_n, i) => i.name, text("Name", "نام")),
    ...nameColumns("post", (_n, i) => i.positionText, text("Post", "سمت")),
    ...nameColumns("unit", (_n, i) => i.unitText, text("Municipal unit", "واحد شهرداری")),
  ],
};

const memberships: ExportTable = {
  name: "memberships",
  title: text("Network memberships", "عضویت در شبکه‌ها"),
  description: text(
    "One row per membership of a city in an international city network or organisation.",
    "هر ردیف عضویت یک شهر در یک شبکه یا سازمان بین‌المللی.",
  ),
  from: {
    kind: "connection",
    field: "memberships",
    filterType: "MembershipFilter",
    selection: `id member { id slug } organisation { id slug } via { slug } role status category categoryLabel
      startDate startPrecision startJalali { iso } endDate endPrecision endJalali { iso } externalId ${PROVENANCE_SELECTION}`,
  },
  primaryKey: ["id"],
  foreignKeys: [
    { fields: "member_id", reference: { resource: "cities", fields: "id" } },
    { fields: "organisation_id", reference: { resource: "organisations", fields: "id" } },
  ],
  columns: [
    idColumn("membership", "عضویت"),
    ...refColumns("member", (n) => n.member, text("The member city", "شهر عضو"), true),
    ...refColumns("organisation", (n) => n.organisation, text("The organisation", "سازمان"), true),
    col(
      "via",
      "string",
      "Held through",
      "از طریق",
      text("Slug of the body the membership is held through, if any.", "نامک نهادی که عضویت از طریق آن است."),
      (n) => at(n, "via.slug"),
    ),
    enumColumn(
      "role",
      "MembershipRole",
      "Role",
      "نقش",
      text("The member's role in the organisation.", "نقش عضو در سازمان."),
      (n) => n.role,
    ),
    enumColumn(
      "status",
      "MembershipStatus",
      "Status",
      "وضعیت",
      text("Whether the membership is active.", "وضعیت عضویت."),
      (n) => n.status,
    ),
    enumColumn(
      "category",
      "MembershipCategory",
      "Category",
      "رده",
      text("The membership category.", "ردهٔ عضویت."),
      (n) => n.category,
    ),
    col(
      "category_label",
      "string",
      "Category label",
      "برچسب رده",
      text("The organisation's own name for the category.", "نام ردهٔ عضویت نزد خود سازمان."),
      (n) => n.categoryLabel,
    ),
    ...dateColumns("start", (n) => dateOf(n, "startDate", "startJalali"), text("Start", "شروع")),
    enumColumn(
      "start_precision",
      "DatePrecision",
      "Start precision",
      "دقت تاریخ شروع",
      text("How much of the start date is known.", "دقت دانسته‌شدهٔ تاریخ شروع."),
      (n) => n.startPrecision,
      false,
    ),
    ...dateColumns("end", (n) => dateOf(n, "endDate", "endJalali"), text("End", "پایان")),
    enumColumn(
      "end_precision",
      "DatePrecision",
      "End precision",
      "دقت تاریخ پایان",
      text("How much of the end date is known.", "دقت دانسته‌شدهٔ تاریخ پایان."),
      (n) => n.endPrecision,
      false,
    ),
    col(
      "external_id",
      "string",
      "External ID",
      "شناسهٔ بیرونی",
      text("The membership's identifier in the partner system that syncs it.", "شناسهٔ عضویت در سامانهٔ همکار."),
      (n) => n.externalId,
    ),
    ...recordColumns(),
  ],
};

const events: ExportTable = {
  name: "events",
  title: text("Events", "رویدادها"),
  description: text(
    "One row per international event: summits, conferences, webinars.",
    "هر ردیف یک رویداد بین‌المللی: اجلاس، همایش، وبینار.",
  ),
  from: {
    kind: "connection",
    field: "events",
    filterType: "EventFilter",
    selection: `id name { fa en } kind format status organiser { id slug } host { id slug } startDate startJalali { iso } endDate endJalali { iso } ${PROVENANCE_SELECTION}`,
  },
  primaryKey: ["id"],
  foreignKeys: [
    { fields: "organiser_id", reference: { resource: "organisations", fields: "id" } },
    { fields: "host_id", reference: { resource: "cities", fields: "id" } },
  ],
  columns: [
    idColumn("event", "رویداد"),
    ...nameColumns("name", (n) => n.name, text("Name", "نام")),
    enumColumn("kind", "EventKind", "Kind", "نوع", text("What kind of event it was.", "نوع رویداد."), (n) => n.kind),
    enumColumn(
      "format",
      "AttendanceMode",
      "Format",
      "شیوهٔ برگزاری",
      text("How the event was held.", "شیوهٔ برگزاری رویداد."),
      (n) => n.format,
    ),
    enumColumn(
      "status",
      "EventStatus",
      "Status",
      "وضعیت",
      text("Whether the event took place.", "وضعیت برگزاری."),
      (n) => n.status,
    ),
    ...refColumns("organiser", (n) => n.organiser, text("The organiser", "برگزارکننده")),
    ...refColumns("host", (n) => n.host, text("The host city", "شهر میزبان")),
    ...dateColumns("start", (n) => dateOf(n, "startDate", "startJalali"), text("Start", "شروع"), true),
    ...dateColumns("end", (n) => dateOf(n, "endDate", "endJalali"), text("End", "پایان")),
    ...recordColumns(),
  ],
};

const attendances: ExportTable = {
  name: "attendances",
  title: text("Attendances", "حضورها"),
  description: text(
    "One row per city's participation in an event, in person or online.",
    "هر ردیف حضور یک شهر در یک رویداد، حضوری یا برخط.",
  ),
  from: {
    kind: "connection",
    field: "events",
    filterType: "EventFilter",
    selection: `id attendances { id city { id slug } mode membership { id } trip { id } outcomes ${PROVENANCE_SELECTION} }`,
    items: (n) => itemsAt(n, "attendances"),
  },
  primaryKey: ["id"],
  foreignKeys: [
    { fields: "event_id", reference: { resource: "events", fields: "id" } },
    { fields: "city_id", reference: { resource: "cities", fields: "id" } },
  ],
  columns: [
    col(
      "id",
      "string",
      "ID",
      "شناسه",
      text("The attendance's global ID in the GraphQL API.", "شناسهٔ سراسری حضور."),
      (_n, i) => i.id,
      { required: true },
    ),
    col("event_id", "string", "Event ID", "شناسهٔ رویداد", text("The event (see events).", "رویداد (جدول events)."), (n) => n.id, {
      required: true,
    }),
    ...refColumns("city", (_n, i) => i.city, CITY_REF, true),
    enumColumn(
      "mode",
      "AttendanceMode",
      "Mode",
      "شیوهٔ حضور",
      text("How the city took part.", "شیوهٔ حضور شهر."),
      (_n, i) => i.mode,
    ),
    col(
      "membership_id",
      "string",
      "Membership ID",
      "شناسهٔ عضویت",
      text("The membership the city attended through, if any.", "عضویتی که حضور از طریق آن بود."),
      (_n, i) => at(i, "membership.id"),
    ),
    col(
      "trip_id",
      "string",
      "Trip ID",
      "شناسهٔ سفر",
      text("The trip made for it, if any.", "سفری که برای آن انجام شد."),
      (_n, i) => at(i, "trip.id"),
    ),
    col(
      "outcomes",
      "string",
      "Outcomes",
      "دستاوردها",
      text("What came of it, as recorded.", "دستاوردهای ثبت‌شده."),
      (_n, i) => i.outcomes,
      { list: true },
    ),
    ...recordColumns((_n, i) => i),
  ],
};

const organisations: ExportTable = {
  name: "organisations",
  title: text("Organisations", "سازمان‌ها"),
  description: text("One row per international organisation or city network.", "هر ردیف یک سازمان یا شبکهٔ بین‌المللی شهرها."),
  from: {
    kind: "connection",
    field: "organisations",
    filterType: "OrganisationFilter",
    selection: `id slug name { fa en } acronym kind monitored website headquarters { id slug } focus ${PROVENANCE_SELECTION}`,
  },
  primaryKey: ["id"],
  foreignKeys: [{ fields: "headquarters_id", reference: { resource: "cities", fields: "id" } }],
  columns: [
    idColumn("organisation", "سازمان"),
    col("slug", "string", "Slug", "نامک", text("The organisation's slug, as filters take it.", "نامک سازمان."), (n) => n.slug, {
      required: true,
    }),
    ...nameColumns("name", (n) => n.name, text("Name", "نام")),
    col("acronym", "string", "Acronym", "سرواژه", text("The organisation's acronym.", "سرواژهٔ سازمان."), (n) => n.acronym),
    enumColumn("kind", "OrganisationKind", "Kind", "نوع", text("What kind of body it is.", "نوع نهاد."), (n) => n.kind),
    col(
      "monitored",
      "boolean",
      "Monitored",
      "پایش‌شده",
      text(
        "One of the bodies the city's international-affairs centre monitors.",
        "از نهادهایی که مرکز امور بین‌الملل شهر پایش می‌کند.",
      ),
      (n) => n.monitored,
      {
        required: true,
      },
    ),
    col("website", "string", "Website", "وبگاه", text("The organisation's website.", "وبگاه سازمان."), (n) => n.website),
    ...refColumns("headquarters", (n) => n.headquarters, text("The headquarters city", "شهر مقر")),
    col(
      "focus",
      "string",
      "Focus",
      "حوزه‌ها",
      text("The organisation's fields of work.", "حوزه‌های کاری سازمان."),
      (n) => n.focus,
      { list: true },
    ),
    ...recordColumns(),
  ],
};

const cities: ExportTable = {
  name: "cities",
  title: text("Cities", "شهرها"),
  description: text("One row per city the records name.", "هر ردیف یک شهر که در رکوردها آمده است."),
  from: {
    kind: "connection",
    field: "cities",
    filterType: "CityFilter",
    selection: `id slug name { fa en } country { code name { fa en } } latitude longitude population ${PROVENANCE_SELECTION}`,
  },
  primaryKey: ["id"],
  foreignKeys: [],
  columns: [
    idColumn("city", "شهر"),
    col("slug", "string", "Slug", "نامک", text("The city's slug, as filters take it.", "نامک شهر."), (n) => n.slug, {
      required: true,
    }),
    ...nameColumns("name", (n) => n.name, text("Name", "نام")),
    col(
      "country",
      "string",
      "Country",
      "کشور",
      text("ISO 3166-1 alpha-2 code of the city's country.", "کد دوحرفی کشور."),
      (n) => at(n, "country.code"),
      { required: true },
    ),
    ...nameColumns("country_name", (n) => at(n, "country.name"), text("Country name", "نام کشور")),
    col(
      "latitude",
      "number",
      "Latitude",
      "عرض جغرافیایی",
      text("Latitude in degrees (WGS 84).", "عرض جغرافیایی به درجه."),
      (n) => n.latitude,
    ),
    col(
      "longitude",
      "number",
      "Longitude",
      "طول جغرافیایی",
      text("Longitude in degrees (WGS 84).", "طول جغرافیایی به درجه."),
      (n) => n.longitude,
    ),
    col(
      "population",
      "integer",
      "Population",
      "جمعیت",
      text("The city's population, as recorded.", "جمعیت ثبت‌شدهٔ شهر."),
      (n) => n.population,
    ),
    ...recordColumns(),
  ],
};

const partnerships: ExportTable = {
  name: "partnerships",
  title: text("Partnerships", "پیوندهای خواهرخواندگی و تفاهم‌نامه‌ها"),
  description: text(
    "One row per sister-city agreement or memorandum of understanding.",
    "هر ردیف یک پیمان خواهرخواندگی یا تفاهم‌نامه.",
  ),
  from: {
    kind: "connection",
    field: "partnerships",
    filterType: "PartnershipFilter",
    selection: `id city { id slug } partner { id slug } kind status signedOn signedPrecision signedJalali { iso } ${PROVENANCE_SELECTION}`,
  },
  primaryKey: ["id"],
  foreignKeys: [
    { fields: "city_id", reference: { resource: "cities", fields: "id" } },
    { fields: "partner_id", reference: { resource: "cities", fields: "id" } },
  ],
  columns: [
    idColumn("partnership", "پیوند"),
    ...refColumns("city", (n) => n.city, CITY_REF, true),
    ...refColumns("partner", (n) => n.partner, text("The partner city", "شهر همکار"), true),
    enumColumn(
      "kind",
      "PartnershipKind",
      "Kind",
      "نوع",
      text("Sister city or memorandum of understanding.", "خواهرخواندگی یا تفاهم‌نامه."),
      (n) => n.kind,
    ),
    enumColumn(
      "status",
      "PartnershipStatus",
      "Status",
      "وضعیت",
      text("Whether the partnership is active.", "وضعیت پیوند."),
      (n) => n.status,
    ),
    ...dateColumns("signed", (n) => dateOf(n, "signedOn", "signedJalali"), text("Signed", "امضا")),
    enumColumn(
      "signed_precision",
      "DatePrecision",
      "Signing date precision",
      "دقت تاریخ امضا",
      text("How much of the signing date is known.", "دقت دانسته‌شدهٔ تاریخ امضا."),
      (n) => n.signedPrecision,
      false,
    ),
    ...recordColumns(),
  ],
};

const sources: ExportTable = {
  name: "sources",
  title: text("Sources", "منابع"),
  description: text(
    "One row per source a record cites: where each fact comes from.",
    "هر ردیف منبعی که رکوردها به آن استناد می‌کنند.",
  ),
  from: { kind: "whole", table: "sources" },
  primaryKey: ["id"],
  foreignKeys: [],
  columns: [
    idColumn("source", "منبع"),
    enumColumn("kind", "SourceKind", "Kind", "نوع", text("What kind of source it is.", "نوع منبع."), (n) => n.kind),
    col("title", "string", "Title", "عنوان", text("The source's title, as published.", "عنوان منبع."), (n) => n.title, {
      required: true,
    }),
    col("publisher", "string", "Publisher", "ناشر", text("Who published it.", "ناشر منبع."), (n) => n.publisher),
    col("url", "string", "URL", "نشانی", text("Where it can be read.", "نشانی منبع."), (n) => n.url),
    col(
      "published_on",
      "date",
      "Published on",
      "تاریخ انتشار",
      text("When it was published (ISO date).", "تاریخ انتشار (میلادی)."),
      (n) => n.publishedOn,
    ),
    col(
      "locator",
      "string",
      "Where in it",
      "جای آن",
      text("A page or part of the source, where one is meant.", "صفحه یا بخشی از منبع."),
      (n) => n.locator,
    ),
    enumColumn(
      "provenance",
      "Provenance",
      "Provenance",
      "خاستگاه",
      text(
        "SOURCED for a published source; ILLUSTRATIVE for the dataset's own note of invented values (not a source of fact).",
        "SOURCED برای منبع منتشرشده؛ ILLUSTRATIVE برای یادداشت خود داده‌ها دربارهٔ مقادیر ساختگی.",
      ),
      (n) => n.provenance,
    ),
  ],
};

/** The source a whole-table row rests on (`sourceId`, a global ID) and where in it (`locator`). */
const statedByColumns = (source: Bilingual, locator: Bilingual): ExportColumn[] => [
  col("source_id", "string", "Source ID", "شناسهٔ منبع", source, (n) => n.sourceId, { required: true }),
  col("locator", "string", "Where in the source", "جای آن در منبع", locator, (n) => n.locator),
];

const reportedFigures: ExportTable = {
  name: "reported_figures",
  title: text("Reported figures", "ارقام گزارش‌شده"),
  description: text(
    "One row per figure a source reports for a period (for example trips requested in a half-year), to set beside the figure computed from the records.",
    "هر ردیف رقمی که منبعی برای یک دوره گزارش کرده است، برای مقایسه با رقم محاسبه‌شده از رکوردها.",
  ),
  from: { kind: "whole", table: "reportedFigures" },
  primaryKey: ["id"],
  foreignKeys: [
    { fields: "city_id", reference: { resource: "cities", fields: "id" } },
    { fields: "source_id", reference: { resource: "sources", fields: "id" } },
  ],
  columns: [
    col("id", "string", "ID", "شناسه", text("The figure's stable identifier.", "شناسهٔ پایدار رقم."), (n) => n.id, {
      required: true,
    }),
    enumColumn("metric", "Metric", "Metric", "شاخص", text("What the figure counts.", "آنچه رقم می‌شمارد."), (n) => n.metric),
    ...refColumns("city", (n) => n.city, CITY_REF, true),
    col(
      "period_from",
      "date",
      "Period from",
      "آغاز دوره",
      text("First day of the period (ISO date).", "نخستین روز دوره (میلادی)."),
      (n) => n.periodFrom,
      {
        required: true,
      },
    ),
    col(
      "period_to",
      "date",
      "Period to",
      "پایان دوره",
      text("Last day of the period (ISO date).", "آخرین روز دوره (میلادی)."),
      (n) => n.periodTo,
      { required: true },
    ),
    col(
      "value",
      "number",
      "Reported value",
      "مقدار گزارش‌شده",
      text("The figure as the source reports it.", "رقم چنان‌که منبع گزارش کرده است."),
      (n) => n.value,
      {
        required: true,
      },
    ),
    enumColumn(
      "attendance_mode",
      "AttendanceMode",
      "Attendance mode",
      "شیوهٔ حضور",
      text("For events attended: only those attended this way.", "برای رویدادها: فقط حضورهای این شیوه."),
      (n) => n.attendanceMode,
      false,
    ),
    ...statedByColumns(
      text("The source that reports it (see sources).", "منبع گزارش‌کننده (جدول sources)."),
      text("The fact or page of the source.", "شمارهٔ واقعیت یا صفحهٔ منبع."),
    ),
    col("note", "string", "Note", "یادداشت", text("What to know when comparing it.", "نکتهٔ مقایسه."), (n) => n.note),
  ],
};

const coverage: ExportTable = {
  name: "coverage",
  title: text("Coverage", "پوشش داده"),
  description: text(
    "One row per stretch of days for which a source says how complete a city's records are: a day no row covers is not known to be complete, so a 0 there is not a known 0.",
    "هر ردیف بازه‌ای از روزها که منبعی می‌گوید رکوردهای یک شهر برای آن تا چه اندازه کامل است.",
  ),
  from: { kind: "whole", table: "coverage" },
  primaryKey: ["city_id", "from_date"],
  foreignKeys: [
    { fields: "city_id", reference: { resource: "cities", fields: "id" } },
    { fields: "source_id", reference: { resource: "sources", fields: "id" } },
  ],
  columns: [
    ...refColumns("city", (n) => n.city, CITY_REF, true),
    ...dateColumns(
      "from",
      (n) => ({ iso: n.periodFrom, jalali: at(n, "fromJalali.iso") }),
      text("First day", "نخستین روز"),
      true,
    ),
    ...dateColumns("to", (n) => ({ iso: n.periodTo, jalali: at(n, "toJalali.iso") }), text("Last day", "آخرین روز"), true),
    col(
      "status",
      "string",
      "Status",
      "وضعیت",
      text("COMPLETE, PARTIAL or NOT_PUBLISHED: how complete the city's records of these days are.", "کامل، ناقص یا منتشرنشده."),
      (n) => n.status,
      { required: true, enumType: "StatedCoverage" },
    ),
    ...statedByColumns(
      text("The source that says so (see sources).", "منبع (جدول sources)."),
      text("The fact of the source.", "شمارهٔ واقعیت در منبع."),
    ),
    col("note", "string", "Note", "یادداشت", text("What to know about it.", "نکته."), (n) => n.note),
  ],
};

const CITATION_SELECTION = `citations { source { id } fact fields statedOtherwise { field value } }`;

/** One part of the citations table: a record type's list, each citation of each record a row. */
function citationsOf(recordType: string, field: string, filterType: string, nested?: string): ConnectionSource {
  const records = (n: Node): Node[] => (nested ? itemsAt(n, nested) : [n]);
  return {
    kind: "connection",
    field,
    filterType,
    selection: nested ? `id ${nested} { id ${CITATION_SELECTION} }` : `id ${CITATION_SELECTION}`,
    items: (n) =>
      records(n).flatMap((record) =>
        itemsAt(record, "citations").map((citation, i) => ({ ...citation, recordType, recordId: record.id, position: i + 1 })),
      ),
  };
}

const citations: ExportTable = {
  name: "citations",
  title: text("Citations", "استنادها"),
  description: text(
    "One row per citation of a record: the source, the numbered fact in it, the record's fields that fact states, and where the source gives another value than the record, that value. A record's provenance is derived from these rows.",
    "هر ردیف یک استناد یک رکورد: منبع، واقعیت شماره‌دار آن، فیلدهایی از رکورد که آن واقعیت بیان می‌کند، و جایی که منبع مقدار دیگری می‌دهد، آن مقدار.",
  ),
  from: {
    kind: "connections",
    parts: [
      citationsOf("Trip", "trips", "TripFilter"),
      citationsOf("Membership", "memberships", "MembershipFilter"),
      citationsOf("Event", "events", "EventFilter"),
      citationsOf("Attendance", "events", "EventFilter", "attendances"),
      citationsOf("Organisation", "organisations", "OrganisationFilter"),
      citationsOf("City", "cities", "CityFilter"),
      citationsOf("Partnership", "partnerships", "PartnershipFilter"),
    ],
  },
  primaryKey: ["record_id", "position"],
  foreignKeys: [{ fields: "source_id", reference: { resource: "sources", fields: "id" } }],
  columns: [
    col(
      "record_type",
      "string",
      "Record type",
      "نوع رکورد",
      text("The cited record's type: the table it is a row of.", "نوع رکورد: جدولی که ردیف آن است."),
      (_n, i) => i.recordType,
      { required: true, values: ["Trip", "Membership", "Event", "Attendance", "Organisation", "City", "Partnership"] },
    ),
    col(
      "record_id",
      "string",
      "Record ID",
      "شناسهٔ رکورد",
      text("The cited record's global ID.", "شناسهٔ سراسری رکورد."),
      (_n, i) => i.recordId,
      {
        required: true,
      },
    ),
    col(
      "position",
      "integer",
      "Position",
      "ترتیب",
      text("The citation's place among the record's citations.", "جایگاه استناد میان استنادهای رکورد."),
      (_n, i) => i.position,
      {
        required: true,
      },
    ),
    col(
      "source_id",
      "string",
      "Source ID",
      "شناسهٔ منبع",
      text("The source (see sources).", "منبع (جدول sources)."),
      (_n, i) => at(i, "source.id"),
      {
        required: true,
      },
    ),
    col(
      "fact",
      "string",
      "Fact",
      "واقعیت",
      text("The numbered fact of the source, e.g. F5; empty when the source is cited whole.", "شمارهٔ واقعیت در منبع، مثلاً F5."),
      (_n, i) => at(i, "fact"),
    ),
    col(
      "fields",
      "string",
      "Fields backed",
      "فیلدهای پشتیبانی‌شده",
      text("The record's fields (GraphQL names) this fact states.", "فیلدهایی از رکورد که این واقعیت بیان می‌کند."),
      (_n, i) => at(i, "fields"),
      {
        list: true,
      },
    ),
    col(
      "stated_otherwise",
      "string",
      "Stated otherwise",
      "مقدار متفاوت در منبع",
      text(
        "Where sources disagree: each field this source states with another value than the record's, as field=value.",
        "جایی که منابع ناهمسان‌اند: هر فیلدی که این منبع با مقداری جز مقدار رکورد بیان می‌کند، به صورت field=value.",
      ),
      (_n, i) => itemsAt(i, "statedOtherwise").map((v) => `${String(at(v, "field"))}=${String(at(v, "value"))}`),
      { list: true },
    ),
  ],
};

/** Every exported table, in the order the data package lists them (referenced tables first). */
export const EXPORT_TABLES: readonly ExportTable[] = [
  sources,
  cities,
  organisations,
  trips,
  tripDestinations,
  delegates,
  memberships,
  events,
  attendances,
  partnerships,
  reportedFigures,
  coverage,
  citations,
];

export function exportTable(name: string): ExportTable | undefined {
  return EXPORT_TABLES.find((table) => table.name === name);
}
