/**
 * `npm run measure:dashboard -- [--runs 10] [--no-response-cache] [--screenshots docs]`: how long
 * the dashboard takes to show its first view of the seed.
 *
 * Starts the built server (`npm start`'s command, dist/) on a new SQLite file (its first start
 * loads the seed), then loads /dashboard `--runs` times, each in a new headless Chromium with an
 * empty profile (a first visit: nothing cached in the browser), and reads the page's
 * `data-first-render-ms`: milliseconds from navigation start to the first frame after the charts
 * were drawn (dashboard/src/main.ts). Prints every run, the median, minimum and maximum. The
 * server's response cache is on, as `npm start` has it, so the first run is the one that computes
 * the figures; `--no-response-cache` turns the cache off for every run. `--screenshots <folder>`
 * also writes dashboard-fa.jpg and dashboard-en.jpg there (the README's).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DASHBOARD_DIR } from "../src/http/dashboardRoutes.js";
import { launchBrowser } from "../test/support/browser.js";
import { PROJECT_ROOT, startServerProcess } from "../test/support/serverProcess.js";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "10" },
    "no-response-cache": { type: "boolean", default: false },
    screenshots: { type: "string" },
  },
});
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number from 1, not ${args.runs}`);
for (const built of [join(DASHBOARD_DIR, "index.html"), join(PROJECT_ROOT, "dist", "server", "start.js")])
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first.`);

const folder = mkdtempSync(join(tmpdir(), "footprint-dashboard-"));
const server = await startServerProcess({
  compiled: true,
  env: {
    DATABASE_URL: `file:${join(folder, "footprint.sqlite")}`,
    LOG_LEVEL: "info",
    ...(args["no-response-cache"] ? { RESPONSE_CACHE_MB: "0" } : {}),
  },
});

interface Timing {
  /** Navigation start to the first view painted. */
  render: number;
  /** The view's GraphQL request, sent to answered (Resource Timing). */
  graphql: number;
}

async function firstRender(options: { lang?: "fa" | "en"; screenshot?: string } = {}): Promise<Timing> {
  const browser = await launchBrowser({ locale: options.lang === "en" ? "en-GB" : "fa-IR" });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/dashboard/`);
    await page.waitForSelector("body[data-state=ready]", { timeout: 30_000 });
    const timing = await page.evaluate(() => {
      const request = performance.getEntriesByType("resource").find((entry) => new URL(entry.name).pathname === "/graphql");
      return {
        render: Number(document.body.dataset.firstRenderMs),
        graphql: request ? Math.round(request.duration) : Number.NaN,
      };
    });
    // JPEG: a full-page PNG of the map is about 400 KB, this about half of it, still sharp to read.
    if (options.screenshot) await page.screenshot({ path: options.screenshot, fullPage: true, type: "jpeg", quality: 70 });
    return timing;
  } finally {
    await browser.close();
  }
}

try {
  const timings: Timing[] = [];
  for (let run = 1; run <= runs; run++) {
    const timing = await firstRender();
    timings.push(timing);
    console.log(`run ${run}: first render ${timing.render} ms (its GraphQL request ${timing.graphql} ms)`);
  }
  const summary = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `median ${sorted[Math.floor((sorted.length - 1) / 2)]} ms, min ${sorted[0]} ms, max ${sorted.at(-1)} ms`;
  };
  console.log(
    `first render of /dashboard (seed, ${runs} runs, response cache ${args["no-response-cache"] ? "off" : "on"}): ` +
      `${summary(timings.map((t) => t.render))}; first run ${timings[0]?.render} ms. ` +
      `Its GraphQL request: ${summary(timings.map((t) => t.graphql))}`,
  );
  if (args.screenshots) {
    const target = resolve(args.screenshots);
    mkdirSync(target, { recursive: true });
    for (const lang of ["fa", "en"] as const) await firstRender({ lang, screenshot: join(target, `dashboard-${lang}.jpg`) });
    console.log(`screenshots: ${join(target, "dashboard-fa.jpg")}, ${join(target, "dashboard-en.jpg")}`);
  }
} finally {
  await server.stop();
  rmSync(folder, { recursive: true, force: true });
}
