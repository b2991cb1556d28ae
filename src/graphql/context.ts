import type { DatabaseHandle, Db } from "../../db/connection.js";
import type { Loaders } from "../data/loaders.js";
import type { ChangePublisher } from "../data/writes/writeSession.js";
import type { ChangePubSub } from "./changePubSub.js";
import type { Viewer } from "./viewer.js";

export type Lang = "FA" | "EN";

/** A rate-limit budget after a request was charged: set by the HTTP layer (src/http/rateLimit.ts), read by the rateLimit query. */
export interface RateState {
  limit: number;
  remaining: number;
  used: number;
  resetAt: string;
  /** What this request was charged (its requested cost; refunded down to its actual cost). */
  cost: number;
}

/** Built once per request; loaders are never shared between requests. */
export interface Context {
  db: Db;
  /** For writes: `database.transaction`. */
  database: DatabaseHandle;
  /** Where committed changes go for live subscribers. */
  changes: ChangePublisher;
  /** Live subscriptions read from here. */
  pubSub: ChangePubSub;
  loaders: Loaders;
  viewer: Viewer;
  /** The language `LocalizedText.text` falls back to: from `Accept-Language`, else English. */
  lang: Lang;
  requestId: string;
  /** The client's network address: anonymous rate limits are per address. */
  clientAddress: string;
  /** Throws EXECUTION_TIMEOUT once the request is past its deadline; called before each statement. */
  checkDeadline: () => void;
  /**
   * The query's cost, set before execution (requested) and after it (actual); `returned` counts the
   * objects execution completes (src/http/queryCost.ts, countReturnedObjects).
   */
  cost?: { requested: number; actual: number | null; returned: number };
  /** The rate-limit budget after this request was charged. */
  rate?: RateState;
  /** Slug of the city `footprint` and `series` describe when not told otherwise. */
  homeCity: string;
  /**
   * The data version the answer reflects (a change-feed sequence number): the `asOf` moment asked
   * for, else the last change committed when the request was admitted (after it, for a mutation).
   */
  dataVersion?: number;
  /** Set only by an export's own contexts: root lists then take pages up to this size (EXPORT_PAGE_SIZE). */
  maxPageSize?: number;
}
