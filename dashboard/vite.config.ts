/**
 * Vite builds the dashboard page (dashboard/) into dist/dashboard/, which the server serves at
 * /dashboard (src/http/dashboardRoutes.ts). `npm run build` (and so `npm install`) runs it; the
 * running server needs none of this, only the built files.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: here,
  // Relative asset paths: the page works wherever it is mounted (a reverse proxy's prefix too).
  base: "./",
  logLevel: "warn",
  build: {
    outDir: fileURLToPath(new URL("../dist/dashboard", import.meta.url)),
    emptyOutDir: true,
    // Browsers of the last few years; Plot and d3 need nothing older.
    target: "es2022",
    // The world outlines (world-atlas, about 100 KB) are part of the one script: no second round trip.
    chunkSizeWarningLimit: 1024,
  },
});
