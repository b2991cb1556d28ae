/**
 * A headless Chromium for the dashboard's browser tests and scripts/measure-dashboard.ts:
 * playwright-core driving the system's Chromium (Debian's `chromium` package; CI installs it when
 * missing, see .ci/run), in a new, empty profile, with everything that would phone home turned
 * off. Missing Chromium is an error that says how to install it, never a skipped test.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

/** CHROMIUM_PATH names another build; the default is Debian's. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(options: { locale?: string; executablePath?: string } = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? CHROMIUM_PATH;
  if (!existsSync(executablePath))
    throw new Error(
      `Chromium is not installed at ${executablePath}: the dashboard's browser tests need it. ` +
        "Install it with `apt-get install -y chromium` (CI does), or set CHROMIUM_PATH to another Chromium.",
    );
  const profile = mkdtempSync(join(tmpdir(), "footprint-chromium-"));
  const locale = options.locale ?? "en-GB";
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, `--lang=${locale}`],
    locale,
    viewport: { width: 1200, height: 900 },
    deviceScaleFactor: 1,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
