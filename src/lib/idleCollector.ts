/**
 * Gives memory back when a busy server goes quiet.
 *
 * V8 collects garbage when JavaScript allocates. A server that goes quiet after a burst allocates
 * nothing, so the burst's garbage stays, and with it the native memory that garbage owns (socket and
 * response buffers, SQLite statements, WebSocket frames). Measured with `npm run load -- --duration 60
 * --connections 50 --ws 25`: RSS stayed 50-110% above its start for as long as the server stayed idle,
 * while a heap snapshot (which collects first) found the live heap back at its start. One full
 * collection after the burst, then handing the C heap's free pages back (nativeHeap.ts), brought RSS
 * back to its start.
 *
 * So: every `intervalMs` the event loop's utilisation over the interval is read. An interval busier than
 * `busyUtilisation` marks the process as having worked; the first interval after that which is quieter
 * than `quietUtilisation` runs one full collection. Under steady load it never runs (V8 collects as it
 * goes), and a server that stays idle is collected once, not on every tick.
 */
import { performance, type EventLoopUtilization } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { trimNativeHeap } from "./nativeHeap.js";

export interface IdleCollectorOptions {
  intervalMs: number;
  /** Utilisation (0..1) above which an interval counts as work. */
  busyUtilisation?: number;
  /** Utilisation (0..1) below which an interval counts as quiet. */
  quietUtilisation?: number;
  /** Told after each collection, with the JS heap before and after (bytes) and how long it took. */
  onCollect?: (result: { heapBefore: number; heapAfter: number; ms: number }) => void;
  /** For tests: the utilisation of each interval, and the collection itself. */
  sampleUtilisation?: () => number;
  collect?: () => void;
  release?: () => void;
}

export interface IdleCollector {
  /** One check, as the timer runs it; exposed so tests need no timers. */
  tick(): void;
  stop(): void;
}

/**
 * V8's full collection as a function: two of them. One full collection frees the garbage, but the
 * pages it emptied are swept and released to the system only by the next one: measured on a heap of
 * 600,000 small objects with one in twenty kept (Node 20), one collection left the heap at 97 MB
 * committed for 7 MB in use (RSS 142 MB after 12 s), two left it at 41 MB (RSS 87 MB).
 * `--expose-gc` is a V8 flag that only new contexts see, so the function is taken from a fresh
 * context, not the global one: nothing else in the process sees `gc`.
 */
export function fullCollection(): () => void {
  const gc =
    (globalThis as { gc?: () => void }).gc ??
    (() => {
      setFlagsFromString("--expose-gc");
      return runInNewContext("gc") as () => void;
    })();
  return () => {
    gc();
    gc();
  };
}

export function startIdleCollector(options: IdleCollectorOptions): IdleCollector {
  const busy = options.busyUtilisation ?? 0.05;
  const quiet = options.quietUtilisation ?? 0.02;
  const collect = options.collect ?? fullCollection();
  const release = options.release ?? trimNativeHeap;
  let last: EventLoopUtilization = performance.eventLoopUtilization();
  const sample =
    options.sampleUtilisation ??
    (() => {
      const now = performance.eventLoopUtilization();
      const delta = performance.eventLoopUtilization(now, last);
      last = now;
      return delta.utilization;
    });
  let workedSinceCollection = false;

  const tick = () => {
    const utilisation = sample();
    if (utilisation > busy) {
      workedSinceCollection = true;
      return;
    }
    if (!workedSinceCollection || utilisation >= quiet) return;
    workedSinceCollection = false;
    const heapBefore = process.memoryUsage().heapUsed;
    const startedAt = performance.now();
    collect();
    // Only now is the native memory the garbage owned free, and can go back to the system.
    release();
    options.onCollect?.({ heapBefore, heapAfter: process.memoryUsage().heapUsed, ms: performance.now() - startedAt });
  };
  const timer = setInterval(tick, options.intervalMs);
  // The collector never keeps the process alive on its own.
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
