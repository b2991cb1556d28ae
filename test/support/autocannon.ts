/**
 * autocannon, typed: it ships no declarations, so this is the part of its API the load script and
 * the benchmark use, and the one place they load it from.
 */
import { createRequire } from "node:module";

export interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Return null to skip the request. */
  setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest | null;
  onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, unknown>) => void;
}

export interface AutocannonHistogram {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface AutocannonResult {
  requests: AutocannonHistogram & { sent: number; total: number };
  latency: AutocannonHistogram;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  "2xx": number;
  statusCodeStats: Record<string, { count: number }>;
}

export interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  method: string;
  headers: Record<string, string>;
  body?: string;
  requests?: AutocannonRequest[];
}

export type Autocannon = (options: AutocannonOptions) => Promise<AutocannonResult> & { stop(): void };

export const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;
