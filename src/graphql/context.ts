import type { Db } from "../../db/connection.js";
import type { Loaders } from "../data/loaders.js";

export type Lang = "FA" | "EN";

/** Built once per request; loaders are never shared between requests. */
export interface Context {
  db: Db;
  loaders: Loaders;
  /** The language `LocalizedText.text` falls back to: from `Accept-Language`, else English. */
  lang: Lang;
  requestId: string;
  /** Slug of the city `footprint` and `series` describe when not told otherwise. */
  homeCity: string;
}
