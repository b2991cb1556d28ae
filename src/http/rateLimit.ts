/**
 * Rate limits in cost points per window: per API key, and per client address for anonymous
 * clients (rate-limiter-flexible). On SQLite the budgets live in this process's memory; on
 * PostgreSQL they live in the database (table rate_limits), so every instance draws on one
 * budget, with an in-memory budget as insurance while the database cannot be reached.
 *
 * On PostgreSQL a charge is a write (an upsert of the row, and its commit), and every request is
 * charged: so small charges are batched. An instance that has read a budget's row charges a query
 * costing less than `BATCH_SHARE` of the limit against its own copy, and writes what it charged
 * so to the row once that reaches `BATCH_SHARE` of the limit, or `FLUSH_MS` after the first such
 * charge, whichever comes first (and when the server stops). A larger charge, a client's first,
 * and one its copy cannot cover, go to the row as before, after what is pending for that budget.
 * The error bound: what other instances spent reaches an instance's copy at its next write, so
 * each instance can admit at most twice `BATCH_SHARE` of a limit (2%) beyond the shared budget,
 * and the budget one instance reports lags the others' charges by at most `FLUSH_MS`.
 */
import type pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { RateState } from "../graphql/context.js";

/** The share of a limit an instance may charge before it writes to the shared row. */
export const BATCH_SHARE = 0.01;
/** The longest a batched charge waits before it is written. */
export const FLUSH_MS = 1_000;
/** Budgets an instance keeps copies of at most; other clients are charged at the row. */
const MAX_LOCAL_BUDGETS = 10_000;

/** An instance's copy of a shared budget and what it charged against it but has not written yet. */
interface LocalBudget {
  subject: RateSubject;
  /** Points the row said were spent when this instance last read or wrote it. */
  consumed: number;
  /** When the row's window ends (ms since the epoch). */
  resetAt: number;
  /** Points charged here and not yet written to the row. */
  pending: number;
}

export interface RateLimitSettings {
  anonymousPoints: number;
  keyPoints: number;
  windowSeconds: number;
}

export class RateLimitExceeded extends Error {
  override name = "RateLimitExceeded";
  constructor(
    readonly state: RateState,
    readonly retryAfterSeconds: number,
  ) {
    super(
      `Rate limit exceeded: this query costs ${state.cost} points and ${state.remaining} of ${state.limit} remain until ${state.resetAt}.`,
    );
  }
}

export class RateLimiter {
  private readonly anonymous: RateLimiterAbstract;
  private readonly keyed: RateLimiterAbstract;
  /** Copies of shared budgets, by limiter prefix and client (PostgreSQL only). */
  private readonly local: Map<string, LocalBudget> | null;
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  /** With `pool` (PostgreSQL), budgets are shared by every instance on that database. */
  constructor(
    readonly settings: RateLimitSettings,
    pool?: pg.Pool,
  ) {
    const budget = (points: number, keyPrefix: string): RateLimiterAbstract => {
      const options = { points, duration: settings.windowSeconds, keyPrefix };
      if (!pool) return new RateLimiterMemory(options);
      return new RateLimiterPostgres({
        ...options,
        storeClient: pool,
        storeType: "pool",
        tableName: "rate_limits",
        tableCreated: true, // by the migrations, in the schema the pool's search_path names
        clearExpiredByTimeout: false,
        insuranceLimiter: new RateLimiterMemory(options),
      });
    };
    this.anonymous = budget(settings.anonymousPoints, "address");
    this.keyed = budget(settings.keyPoints, "key");
    this.local = pool ? new Map() : null;
  }

  private pick(subject: RateSubject) {
    return subject.kind === "KEY"
      ? { limiter: this.keyed, limit: this.settings.keyPoints, key: `key:${subject.id}` }
      : { limiter: this.anonymous, limit: this.settings.anonymousPoints, key: `address:${subject.id}` };
  }

  private state(limit: number, res: RateLimiterRes, cost: number): RateState {
    return {
      limit,
      remaining: Math.max(0, res.remainingPoints),
      used: Math.min(limit, res.consumedPoints),
      resetAt: new Date(Date.now() + res.msBeforeNext).toISOString(),
      cost,
    };
  }

  /** Charges `cost` points, or throws RateLimitExceeded (charging nothing). */
  async charge(subject: RateSubject, cost: number): Promise<RateState> {
    const { limit, key } = this.pick(subject);
    const copy = this.local?.get(key);
    if (copy && Date.now() < copy.resetAt && cost < limit * BATCH_SHARE && copy.consumed + copy.pending + cost <= limit) {
      copy.pending += cost;
      const used = copy.consumed + copy.pending;
      const state = { limit, remaining: limit - used, used, resetAt: new Date(copy.resetAt).toISOString(), cost };
      if (copy.pending >= limit * BATCH_SHARE) await this.write(subject, copy);
      else this.scheduleFlush();
      return state;
    }
    if (copy?.pending) await this.write(subject, copy);
    return this.chargeRow(subject, cost);
  }

  /** The charge at the shared row (in memory on SQLite): read it, and charge it if it covers `cost`. */
  private async chargeRow(subject: RateSubject, cost: number): Promise<RateState> {
    const { limiter, limit } = this.pick(subject);
    const current = await limiter.get(subject.id);
    const remaining = current ? limit - current.consumedPoints : limit;
    if (cost > remaining) {
      const msBeforeNext = current?.msBeforeNext ?? this.settings.windowSeconds * 1000;
      const state = {
        limit,
        remaining: Math.max(0, remaining),
        used: limit - Math.max(0, remaining),
        resetAt: new Date(Date.now() + msBeforeNext).toISOString(),
        cost,
      };
      if (current) this.remember(subject, current);
      throw new RateLimitExceeded(state, Math.max(1, Math.ceil(msBeforeNext / 1000)));
    }
    try {
      const res = await limiter.consume(subject.id, cost);
      this.remember(subject, res);
      return this.state(limit, res, cost);
    } catch (refused) {
      // Another instance spent the budget between the check above and this charge.
      if (!(refused instanceof RateLimiterRes)) throw refused;
      this.remember(subject, refused);
      const state = this.state(limit, refused, cost);
      throw new RateLimitExceeded({ ...state, remaining: 0, used: limit }, Math.max(1, Math.ceil(refused.msBeforeNext / 1000)));
    }
  }

  /** Keeps (PostgreSQL) what the row said after a read or write, for the batched charges that follow. */
  private remember(subject: RateSubject, res: RateLimiterRes): void {
    if (!this.local) return;
    const { key } = this.pick(subject);
    const copy = this.local.get(key);
    const resetAt = Date.now() + res.msBeforeNext;
    if (copy) {
      copy.consumed = res.consumedPoints;
      copy.resetAt = resetAt;
    } else if (this.local.size < MAX_LOCAL_BUDGETS) {
      this.local.set(key, { subject, consumed: res.consumedPoints, resetAt, pending: 0 });
    }
  }

  /** Writes what was charged against `copy` to the row, and reads back what the row now says. */
  private async write(subject: RateSubject, copy: LocalBudget): Promise<void> {
    const points = copy.pending;
    if (points <= 0) return;
    copy.pending = 0;
    const { limiter } = this.pick(subject);
    try {
      this.remember(subject, await limiter.consume(subject.id, points));
    } catch (refused) {
      // The row is spent (others charged it meanwhile): it counted the points all the same.
      if (!(refused instanceof RateLimiterRes)) throw refused;
      this.remember(subject, refused);
    }
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.flush().catch(() => {});
    }, FLUSH_MS);
    this.flushTimer.unref();
  }

  /**
   * Writes every batched charge to its row, and forgets budgets whose window ended. Called on a
   * timer, and by the server when it stops.
   */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (!this.local) return;
      const now = Date.now();
      for (const [key, copy] of this.local) {
        if (copy.pending > 0) await this.write(copy.subject, copy);
        else if (copy.resetAt <= now) this.local.delete(key);
      }
    });
    return this.flushing;
  }

  /** Gives back points a query was charged but did not use. */
  async refund(subject: RateSubject, points: number): Promise<void> {
    if (points <= 0) return;
    const copy = this.local?.get(this.pick(subject).key);
    // Points charged here and not yet written are given back here.
    if (copy && copy.pending >= points) {
      copy.pending -= points;
      return;
    }
    if (copy?.pending) await this.write(subject, copy);
    const res = await this.pick(subject).limiter.reward(subject.id, points);
    this.remember(subject, res);
  }
}

export type RateSubject = { kind: "KEY"; id: string } | { kind: "ADDRESS"; id: string };
