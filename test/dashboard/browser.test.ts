/**
 * The browser the dashboard tests drive (test/support/browser.ts): without Chromium they must fail
 * and say how to install it, never pass by skipping.
 */
import { describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser.js";

describe("launchBrowser", () => {
  it("refuses to start without Chromium, naming the package to install", async () => {
    await expect(launchBrowser({ executablePath: "/nonexistent/chromium" })).rejects.toThrow(/apt-get install -y chromium/);
  });
});
