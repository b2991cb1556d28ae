import { describe, expect, it } from "vitest";
import { dataset } from "../seeds/dataset/index.js";
import { englishOf, POSITIONS_EN, REASONS_EN, UNITS_EN, type TranslatedKind } from "../seeds/dataset/translations.js";

/**
 * Every free Persian text of the seed trips (delegates' posts, requesting and delegates' units,
 * the committee's reasons) has its English in seeds/dataset/translations.ts, so every seed record
 * answers in both languages. A new text in trips.ts without its English fails here, naming it.
 */

const texts: { kind: TranslatedKind; fa: string; where: string }[] = [];
for (const trip of dataset.trips) {
  texts.push({ kind: "unit", fa: trip.requestingUnit, where: `${trip.key}.requestingUnit` });
  if (trip.decision?.reason) texts.push({ kind: "reason", fa: trip.decision.reason, where: `${trip.key}.decision.reason` });
  trip.delegates.forEach((d, i) => {
    texts.push({ kind: "position", fa: d.position, where: `${trip.key}.delegates.${i}.position` });
    if (d.unit) texts.push({ kind: "unit", fa: d.unit, where: `${trip.key}.delegates.${i}.unit` });
  });
}

describe("seed dataset: English for every free text", () => {
  it("finds the texts to check", () => {
    expect(texts.filter((t) => t.kind === "reason").length).toBeGreaterThan(0);
    expect(texts.filter((t) => t.kind === "position").length).toBeGreaterThan(dataset.trips.length);
  });

  it("every position, unit and reason has its English", () => {
    const missing = texts.filter((t) => englishOf(t.kind, t.fa) === null).map((t) => `${t.where}: ${t.kind} "${t.fa}"`);
    expect(missing).toEqual([]);
  });

  it("translations are English: non-empty, trimmed, with no Persian or Arabic letters", () => {
    for (const table of [POSITIONS_EN, UNITS_EN, REASONS_EN]) {
      for (const [fa, en] of Object.entries(table)) {
        expect(fa.trim(), fa).toBe(fa);
        expect(en.trim().length, fa).toBeGreaterThan(0);
        expect(en, fa).toBe(en.trim());
        expect(/[\u0600-\u06FF]/.test(en), `${fa} → ${en}`).toBe(false);
      }
    }
  });

  it("the lookup is by the exact text: an unknown or empty text has no English", () => {
    expect(englishOf("unit", "مرکز ارتباطات و امور بین‌الملل")).toBe("Centre for Communications and International Affairs");
    // Without the zero-width non-joiner it is another string: no guessing.
    expect(englishOf("unit", "مرکز ارتباطات و امور بینالملل")).toBeNull();
    expect(englishOf("reason", "toString")).toBeNull();
    expect(englishOf("position", undefined)).toBeNull();
  });
});
