/**
 * Rate limits in cost points per window: per API key, and per client address for anonymous
 * clients (rate-limiter-flexible). On SQLite the budgets live in this process's memory; on
 * PostgreSQL they live in the database (table rate_limits), so every instance draws on one
 * budget, with an in-memory budget as insurance while the database cannot be reached.
 */
import type pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { RateState } from "../graphql/context.js";

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
  }

  private pick(subject: RateSubject) {
    return subject.kind === "KEY"
      ? { limiter: this.keyed, limit: this.settings.keyPoints }
      : { limiter: this.anonymous, limit: this.settings.anonymousPoints };
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
      throw new RateLimitExceeded(state, Math.max(1, Math.ceil(msBeforeNext / 1000)));
    }
    try {
      return this.state(limit, await limiter.consume(subject.id, cost), cost);
    } catch (refused) {
      // Another instance spent the budget between the check above and this charge.
      if (!(refused instanceof RateLimiterRes)) throw refused;
      const state = this.state(limit, refused, cost);
      throw new RateLimitExceeded({ ...state, remaining: 0, used: limit }, Math.max(1, Math.ceil(refused.msBeforeNext / 1000)));
    }
  }

  /** Gives back points a query was charged but did not use. */
  async refund(subject: RateSubject, points: number): Promise<void> {
    if (points > 0) await this.pick(subject).limiter.reward(subject.id, points);
  }
}

export type RateSubject = { kind: "KEY"; id: string } | { kind: "ADDRESS"; id: string };
