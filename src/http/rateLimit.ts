/**
 * Rate limits in cost points per window: per API key, and per client address for anonymous
 * clients. Budgets live in this process's memory (rate-limiter-flexible): with several instances,
 * each keeps its own (see README).
 */
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export interface RateLimitSettings {
  anonymousPoints: number;
  keyPoints: number;
  windowSeconds: number;
}

export interface RateState {
  limit: number;
  remaining: number;
  used: number;
  resetAt: string;
  /** What this request was charged (its requested cost; refunded down to its actual cost). */
  cost: number;
}

export class RateLimitExceeded extends Error {
  override name = "RateLimitExceeded";
  constructor(readonly state: RateState, readonly retryAfterSeconds: number) {
    super(`Rate limit exceeded: this query costs ${state.cost} points and ${state.remaining} of ${state.limit} remain until ${state.resetAt}.`);
  }
}

export class RateLimiter {
  private readonly anonymous: RateLimiterMemory;
  private readonly keyed: RateLimiterMemory;

  constructor(readonly settings: RateLimitSettings) {
    this.anonymous = new RateLimiterMemory({ points: settings.anonymousPoints, duration: settings.windowSeconds });
    this.keyed = new RateLimiterMemory({ points: settings.keyPoints, duration: settings.windowSeconds });
  }

  private pick(subject: RateSubject) {
    return subject.kind === "KEY" ? { limiter: this.keyed, limit: this.settings.keyPoints } : { limiter: this.anonymous, limit: this.settings.anonymousPoints };
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
      const state = { limit, remaining: Math.max(0, remaining), used: limit - Math.max(0, remaining), resetAt: new Date(Date.now() + msBeforeNext).toISOString(), cost };
      throw new RateLimitExceeded(state, Math.max(1, Math.ceil(msBeforeNext / 1000)));
    }
    return this.state(limit, await limiter.consume(subject.id, cost), cost);
  }

  /** Gives back points a query was charged but did not use. */
  async refund(subject: RateSubject, points: number): Promise<void> {
    if (points > 0) await this.pick(subject).limiter.reward(subject.id, points);
  }
}

export type RateSubject = { kind: "KEY"; id: string } | { kind: "ADDRESS"; id: string };
