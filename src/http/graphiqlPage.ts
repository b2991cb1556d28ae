/**
 * The GraphiQL page browsers get at GET /graphql (Accept: text/html), with the example operations
 * open as tabs.
 *
 * Why an Express handler in front of Apollo rather than Apollo's renderLandingPage: the page is
 * self-contained (GraphiQL, Monaco and its workers inlined, no CDN, so it works offline) and
 * therefore about 9 MB. Apollo's landing page can only hand back an HTML string per request, with
 * no say over its headers, so it would go out uncompressed, or be compressed again on every request
 * by a middleware (a quarter of a second of CPU each time) with no validator for a reload. The page
 * never changes while the process runs, so it is rendered once, on the first request (start-up does
 * not load the 9 MB module), each encoding is compressed once when first asked for (off the main
 * thread), and the bytes are kept: a request costs a lookup, and a reload with If-None-Match is a
 * 304 without a body.
 */
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";
import type { Request, RequestHandler } from "express";
import Negotiator from "negotiator";
import { exampleOperation } from "../../examples/operations/index.js";

/** A GraphiQL tab: the operation text, and its variables and headers as JSON text. */
export interface GraphiQLTab {
  query: string;
  variables?: string;
  headers?: string;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

/**
 * The tabs GraphiQL opens with (when the browser has no tabs of its own stored from an earlier
 * visit): the researcher's, the dashboard's and the partner's example operations, as written in
 * examples/operations, each with the variables it needs.
 */
export function graphiqlTabs(): GraphiQLTab[] {
  return [
    { query: exampleOperation("researcher-trips"), variables: json({ after: null }) },
    { query: exampleOperation("dashboard-footprint") },
    {
      query:
        '# PartnerSync writes, so it needs an API key: add {"Authorization": "Bearer YOUR_KEY"} in the Headers pane\n' +
        "# (a PARTNER key for metropolis, or an EDITOR key: npm run keys -- create --role PARTNER --organisation metropolis --name ...).\n" +
        "# PartnerChanges is a read and runs without one. Pick the operation from the run button; change `key` for a new sync.\n" +
        exampleOperation("partner-sync"),
      variables: json({ key: "graphiql-sync-1", after: null }),
    },
  ];
}

// The same test Apollo applies before serving its landing page: a GET whose Accept header prefers
// HTML to every GraphQL response type. Anything else goes on to Apollo.
const NEGOTIATED_TYPES = [
  "application/json; charset=utf-8",
  "application/graphql-response+json; charset=utf-8",
  "multipart/mixed; deferSpec=20220824",
  "multipart/mixed; incrementalSpec=v0.2",
  "multipart/mixed",
  "text/html",
];

export function prefersHtml(req: Request): boolean {
  const accept = req.headers.accept;
  return (
    (req.method === "GET" || req.method === "HEAD") &&
    !!accept &&
    new Negotiator({ headers: { accept } }).mediaType(NEGOTIATED_TYPES) === "text/html"
  );
}

type Encoding = "br" | "gzip" | "identity";
const ENCODINGS: Encoding[] = ["br", "gzip", "identity"];

// Brotli at quality 5 and gzip at level 6 (measured on the 9 MB page: 1.9 MB in about 0.4 s and
// 2.4 MB in about 0.2 s; brotli's top quality saves 0.2 MB more for 20 s).
const compress: Record<Exclude<Encoding, "identity">, (html: Buffer) => Promise<Buffer>> = {
  br: (html) =>
    promisify(brotliCompress)(html, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: html.length },
    }),
  gzip: (html) => promisify(gzip)(html, { level: 6 }),
};

/**
 * Brotli when the client takes it equally with gzip. Without `preferred`, Negotiator breaks ties by
 * the header's order, and browsers list gzip first. (negotiator 1.x has the option; its types, 0.6, lag.)
 */
function preferredEncoding(req: Request): string | undefined {
  const negotiator = new Negotiator(req) as unknown as {
    encoding(available: string[], options: { preferred: string[] }): string | undefined;
  };
  return negotiator.encoding(ENCODINGS, { preferred: ENCODINGS });
}

interface RenderedPage {
  hash: string;
  bodies: Map<Encoding, Promise<Buffer>>;
}

async function renderPage(endpoint: string): Promise<RenderedPage> {
  const { renderGraphiQL } = await import("@graphql-yoga/render-graphiql");
  const html = Buffer.from(
    renderGraphiQL({ endpoint, title: "Footprint GraphQL API", subscriptionsProtocol: "WS", defaultTabs: graphiqlTabs() }),
  );
  const hash = createHash("sha256").update(html).digest("base64url").slice(0, 27);
  return { hash, bodies: new Map([["identity", Promise.resolve(html)]]) };
}

/** Serves the GraphiQL page to a browser; passes every other request on. */
export function graphiqlPage(endpoint = "/graphql"): RequestHandler {
  let rendering: Promise<RenderedPage> | undefined;
  const page = (): Promise<RenderedPage> => {
    // A failed render is retried by the next request rather than remembered.
    rendering ??= renderPage(endpoint).catch((error: unknown) => {
      rendering = undefined;
      throw error;
    });
    return rendering;
  };
  const body = async (encoding: Encoding): Promise<{ hash: string; bytes: Buffer }> => {
    const { hash, bodies } = await page();
    let bytes = bodies.get(encoding);
    if (!bytes) {
      const html = await (bodies.get("identity") as Promise<Buffer>);
      bytes = compress[encoding as Exclude<Encoding, "identity">](html);
      bodies.set(encoding, bytes);
      bytes.catch(() => bodies.delete(encoding));
    }
    return { hash, bytes: await bytes };
  };

  return async (req, res, next) => {
    if (!prefersHtml(req)) return next();
    // A client that accepts none of them (identity;q=0 alone) gets the plain page all the same.
    const encoding = (preferredEncoding(req) ?? "identity") as Encoding;
    try {
      const { hash, bytes } = await body(encoding);
      res.setHeader("Vary", "Accept, Accept-Encoding");
      res.setHeader("Cache-Control", "no-cache");
      // One validator per representation, since the bytes differ per encoding.
      res.setHeader("ETag", `"${hash}${encoding === "identity" ? "" : `-${encoding}`}"`);
      if (req.fresh) {
        res.status(304).end();
        return;
      }
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      if (encoding !== "identity") res.setHeader("Content-Encoding", encoding);
      res.setHeader("Content-Length", bytes.length);
      res.end(req.method === "HEAD" ? undefined : bytes);
    } catch (error) {
      next(error);
    }
  };
}
