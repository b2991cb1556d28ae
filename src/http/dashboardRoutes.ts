/**
 * The dashboard door: `GET /dashboard/` serves the page Vite built from dashboard/ into
 * dist/dashboard/ (`npm run build`, which `npm install` runs). The page is static: its figures come
 * from one request to /graphql per view, through the same limits as any client. The Content
 * Security Policy keeps every request the page makes on this server (no CDN, no tiles).
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Router } from "express";

// From the sources (src/http/) and from the server bundle (dist/server/) alike, two levels below the root.
const here = dirname(fileURLToPath(import.meta.url));
export const DASHBOARD_DIR = resolve(here, "..", "..", "dist", "dashboard");

/** Plot sets style attributes on its SVG, hence 'unsafe-inline' for styles (no inline scripts are allowed). */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

export function dashboardRouter(dir: string = DASHBOARD_DIR): Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    res.setHeader("content-security-policy", CONTENT_SECURITY_POLICY);
    next();
  });
  if (!existsSync(join(dir, "index.html"))) {
    // A clone where the build did not run: say how to get the page rather than answering 404.
    router.use((_req, res) => {
      res.status(503).type("text/plain").send("The dashboard is not built: run `npm run build` (npm install runs it).\n");
    });
    return router;
  }
  router.use(
    express.static(dir, {
      index: "index.html",
      // Vite names the assets by content hash, so they never change; the page itself is asked for each time.
      setHeaders(res, path) {
        res.setHeader("cache-control", path.endsWith(".html") ? "no-cache" : "public, max-age=31536000, immutable");
      },
    }),
  );
  return router;
}
