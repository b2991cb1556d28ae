/**
 * The dashboard page in a real browser (headless Chromium through playwright-core, see
 * test/support/browser.ts) against a seeded server: the figures it shows are the API's, its charts
 * have one mark per month, purpose and destination, the language switch flips direction and
 * digits, each view is one GraphQL request, and nothing leaves 127.0.0.1. It writes a screenshot
 * per language to test-results/ (gitignored) for a person to look at.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DASHBOARD_DIR } from "../../src/http/dashboardRoutes.js";
import { launchBrowser, type Browser } from "../support/browser.js";
import { PROJECT_ROOT } from "../support/serverProcess.js";
import { testBackend } from "../support/testDatabase.js";
import { startTestServer, type TestServer } from "../support/testServer.js";

// The page's default view: Jalali 1401, Farvardin..Esfand (dashboard/src/period.ts).
const YEAR_1401 = { jalaliYear: 1401, jalaliMonthFrom: 1, jalaliMonthTo: 12 };
const GREGORIAN = { from: "2022-06-01", to: "2023-01-31" };

const API_QUERY = `query ($period: PeriodInput!, $monthly: Grouping!) {
  footprint(period: $period) {
    tripsRequested tripsRejected tripsApproved tripsCompleted participants
    rejectionRate notCarriedOutRate tripsPerMonth
    geojson
    reportedFigures { metric reported computed }
    city { memberships(first: 100) { nodes { startDate } } }
  }
  monthly: series(metric: TRIPS_COMPLETED, groupBy: $monthly, period: $period) { key value coverage }
  purposes: series(metric: TRIPS_REQUESTED, groupBy: PURPOSE, period: $period) { key value }
}`;

const PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";

/** A displayed number as a JavaScript number: Persian digits, separators and the percent sign undone. */
function displayedNumber(text: string): number {
  const western = text.replace(/[۰-۹]/g, (digit) => String(PERSIAN_DIGITS.indexOf(digit)));
  return Number(
    western
      .replace(/[٬,]/g, "")
      .replace("٫", ".")
      .replace(/[^\d.-]/g, ""),
  );
}

/** What the page should show for the API's value, in the page's precision (rates in percent to 0.1). */
function shown(metric: string, value: number): number {
  if (/rate/i.test(metric)) return Math.round(value * 1000) / 10;
  if (/perMonth|PER_MONTH|AVERAGE/i.test(metric)) return Math.round(value * 10) / 10;
  return value;
}

const HEADLINE = [
  "tripsRequested",
  "tripsRejected",
  "tripsApproved",
  "tripsCompleted",
  "participants",
  "rejectionRate",
  "notCarriedOutRate",
  "tripsPerMonth",
] as const;

describe("the dashboard page", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let api: any;
  const problems: string[] = [];
  const requested: string[] = [];
  const graphqlPosts: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(DASHBOARD_DIR, "index.html")))
      throw new Error("dist/dashboard/ is missing: run `npm run build` (npm install runs it) before the browser tests.");
    server = await startTestServer({ seed: true });
    const answer = await server.gql(API_QUERY, { period: YEAR_1401, monthly: "JALALI_MONTH" });
    expect(answer.errors).toBeUndefined();
    api = answer.data;
    // Persian first, as a browser set to Persian asks: the page must follow it.
    browser = await launchBrowser({ locale: "fa-IR" });
    page = await browser.context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning")
        problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
    page.on("request", (request) => {
      requested.push(request.url());
      if (request.method() === "POST" && new URL(request.url()).pathname === "/graphql") graphqlPosts.push(request.url());
    });
    await page.goto(`${server.url}/dashboard/`);
    await page.waitForSelector("body[data-state=ready]", { timeout: 15_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const texts = (selector: string) => page.locator(selector).allTextContents();

  async function screenshot(lang: string) {
    const folder = join(PROJECT_ROOT, "test-results");
    mkdirSync(folder, { recursive: true });
    await page.screenshot({ path: join(folder, `dashboard-${testBackend()}-${lang}.png`), fullPage: true });
  }

  async function expectHeadlineAsApi() {
    for (const metric of HEADLINE) {
      const text = await page.locator(`[data-metric="${metric}"]`).textContent();
      expect(displayedNumber(text ?? ""), `${metric}: "${text}"`).toBe(shown(metric, api.footprint[metric]));
    }
  }

  it("follows the browser's language: Persian, right to left, with Persian digits only", async () => {
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(["fa", "rtl"]);
    const headline = (await texts(".headline .value")).join(" ");
    expect(headline).toMatch(/[۰-۹]/);
    expect(headline).not.toMatch(/[0-9]/);
    await screenshot("fa");
  });

  it("shows the API's headline figures for the period", async () => {
    await expectHeadlineAsApi();
    // The seed's year has requests and rejections, so a page showing zeros would fail above.
    expect(api.footprint.tripsRequested).toBeGreaterThan(0);
  });

  it("draws one bar per month of the period, and its no-data months apart from zero", async () => {
    expect(api.monthly).toHaveLength(12);
    expect(await page.locator(".fp-months rect").count()).toBe(api.monthly.length);
    const unknown = api.monthly.filter((point: any) => point.coverage === "UNKNOWN").length;
    // The seed's coverage statement starts in Shahrivar: Farvardin..Mordad 1401 have no data.
    expect(unknown).toBe(5);
    expect(await page.locator(".fp-no-data rect").count()).toBe(unknown);
    const barValues = (await texts(".fp-months rect title")).map((title) =>
      displayedNumber(title.split(":")[1]?.split("(")[0] ?? ""),
    );
    expect(barValues.sort()).toEqual(api.monthly.map((point: any) => point.value).sort());
  });

  it("draws one bar per purpose and one mark per destination city", async () => {
    expect(await page.locator(".fp-purposes rect").count()).toBe(api.purposes.length);
    const cities = api.footprint.geojson.features.length;
    expect(cities).toBeGreaterThan(5);
    expect(await page.locator(".fp-cities circle").count()).toBe(cities);
    // The country outlines are drawn too (world-atlas, from the page's own bundle).
    expect(await page.locator("svg path").count()).toBeGreaterThan(cities);
  });

  it("puts each dated membership on the time line and names the undated ones", async () => {
    const memberships: { startDate: string | null }[] = api.footprint.city.memberships.nodes;
    const dated = memberships.filter((membership) => membership.startDate).length;
    expect(dated).toBeGreaterThan(0);
    expect(await page.locator(".fp-memberships rect").count()).toBe(dated);
    expect(await page.locator("p.undated").getAttribute("data-count")).toBe(String(memberships.length - dated));
  });

  it("puts each reported figure next to the computed one", async () => {
    const rows = page.locator("table.reported tbody tr[data-metric]");
    expect(await rows.count()).toBe(api.footprint.reportedFigures.length);
    for (const [i, figure] of (api.footprint.reportedFigures as any[]).entries()) {
      const row = rows.nth(i);
      expect(await row.getAttribute("data-metric")).toBe(figure.metric);
      const reported = await row.locator('[data-column="reported"]').textContent();
      expect(displayedNumber(reported ?? ""), `${figure.metric} reported`).toBe(shown(figure.metric, figure.reported));
      const computed = await row.locator('[data-column="computed"]').textContent();
      if (figure.computed === null) expect(computed).toBe("–");
      else expect(displayedNumber(computed ?? ""), `${figure.metric} computed`).toBe(shown(figure.metric, figure.computed));
    }
  });

  it("switches to English: left to right, Western digits, the same figures, without asking again", async () => {
    const before = graphqlPosts.length;
    await page.click("[data-switch-lang]");
    await page.waitForFunction(() => document.documentElement.dir === "ltr");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    const headline = (await texts(".headline .value")).join(" ");
    expect(headline).toMatch(/[0-9]/);
    expect(headline).not.toMatch(/[۰-۹]/);
    await expectHeadlineAsApi();
    expect(await page.locator(".fp-months rect").count()).toBe(12);
    expect(graphqlPosts.length).toBe(before);
    await screenshot("en");
  });

  it("asks once per view: a Gregorian period draws its own months", async () => {
    const before = graphqlPosts.length;
    const answer = await server.gql(API_QUERY, { period: GREGORIAN, monthly: "MONTH" });
    expect(answer.errors).toBeUndefined();
    await page.selectOption('select[name="calendar"]', "gregorian");
    await page.fill('input[name="from"]', GREGORIAN.from);
    await page.fill('input[name="to"]', GREGORIAN.to);
    await page.click('.picker button[type="submit"]');
    await page.waitForSelector("body[data-state=ready]");
    // June 2022 .. January 2023: eight Gregorian months.
    expect(answer.data.monthly).toHaveLength(8);
    expect(await page.locator(".fp-months rect").count()).toBe(8);
    expect(await page.locator('[data-metric="tripsRequested"]').textContent()).toBe(String(answer.data.footprint.tripsRequested));
    expect(graphqlPosts.length - before).toBe(1);
  });

  it("shows the API's refusal of a period it cannot chart, with its code", async () => {
    // 1900..2200 is 3,612 months: more than a series' 1,200 buckets (README, "Limits").
    await page.goto(`${server.url}/dashboard/?from=1900-01-01&to=2200-12-31&lang=en`);
    await page.waitForSelector("body[data-state=error]");
    expect(await page.locator("[role=alert]").textContent()).toContain("BAD_USER_INPUT");
  });

  it("made no request beyond 127.0.0.1 and logged no error", () => {
    expect(requested.length).toBeGreaterThan(2);
    expect(requested.filter((url) => new URL(url).hostname !== "127.0.0.1")).toEqual([]);
    expect(problems).toEqual([]);
    // The first view was one request too, and so was the refused one.
    expect(graphqlPosts).toHaveLength(3);
  });
});
