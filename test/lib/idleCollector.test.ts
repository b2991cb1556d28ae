import { describe, expect, it } from "vitest";
import { fullCollection, startIdleCollector } from "../../src/lib/idleCollector.js";
import { canTrimNativeHeap, trimNativeHeap } from "../../src/lib/nativeHeap.js";

/** A collector driven by a scripted list of interval utilisations; counts its collections. */
function scripted(utilisations: number[]) {
  const steps: string[] = [];
  const queue = [...utilisations];
  const collector = startIdleCollector({
    intervalMs: 3_600_000,
    sampleUtilisation: () => queue.shift() ?? 0,
    collect: () => steps.push("collect"),
    release: () => steps.push("release"),
  });
  for (let i = 0; i < utilisations.length; i++) collector.tick();
  collector.stop();
  // Native memory is released after each collection, never without one.
  expect(steps.join(" ")).toBe(Array.from({ length: steps.length / 2 }, () => "collect release").join(" "));
  return steps.length / 2;
}

describe("idle collector", () => {
  it("collects once when a busy spell ends, and not again while the server stays quiet", () => {
    expect(scripted([0.6, 0.001])).toBe(1);
    expect(scripted([0.6, 0.9, 0.001, 0.001, 0.0, 0.001])).toBe(1);
  });

  it("never collects under steady load or on a server that never worked", () => {
    expect(scripted([0.5, 0.7, 0.9, 0.3])).toBe(0);
    expect(scripted([0.001, 0.0, 0.01])).toBe(0);
  });

  it("waits through half-quiet intervals, and collects again after the next busy spell", () => {
    // 0.03 is neither busy (>0.05) nor quiet (<0.02): the collector keeps waiting.
    expect(scripted([0.4, 0.03, 0.03, 0.001])).toBe(1);
    expect(scripted([0.4, 0.001, 0.5, 0.001])).toBe(2);
  });

  it("reports each collection with the heap before and after", () => {
    const reports: { heapBefore: number; heapAfter: number; ms: number }[] = [];
    const queue = [0.9, 0.0];
    const collector = startIdleCollector({
      intervalMs: 3_600_000,
      sampleUtilisation: () => queue.shift() ?? 0,
      collect: () => {},
      release: () => {},
      onCollect: (r) => reports.push(r),
    });
    collector.tick();
    collector.tick();
    collector.stop();
    expect(reports).toHaveLength(1);
    expect(reports[0].heapBefore).toBeGreaterThan(0);
    expect(reports[0].ms).toBeGreaterThanOrEqual(0);
  });

  it("runs a real full collection: an unreachable object is gone after it", async () => {
    const gc = fullCollection();
    // Made in a function that returns only the WeakRef, so nothing else holds the object.
    const ref = ((): WeakRef<object> => new WeakRef({ payload: new Array(10_000).fill("x") }))();
    // WeakRef targets survive until the current job ends; collect in a later one.
    await new Promise((r) => setTimeout(r, 0));
    gc();
    expect(ref.deref()).toBeUndefined();
    // The function comes from a fresh context: the global scope does not gain `gc`.
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });

  it.runIf(process.platform === "linux")(
    "hands the C heap's free pages back on Linux (glibc's malloc_trim through koffi)",
    () => {
      expect(canTrimNativeHeap()).toBe(true);
      expect(typeof trimNativeHeap()).toBe("boolean");
    },
  );
});
