import { describe, it, expect } from "vitest";
import { foldForSearch, MAX_JOINABLE_TOKENS, searchTokenAlternatives, searchTokens } from "../../src/lib/persianText.js";

describe("foldForSearch: Persian letters", () => {
  it("folds Arabic yeh and alef maksura to Persian yeh", () => {
    expect(foldForSearch("علي")).toBe("علی");
    expect(foldForSearch("علي")).toBe(foldForSearch("علی"));
    expect(foldForSearch("موسى")).toBe("موسی");
  });

  it("folds Arabic kaf to Persian keheh", () => {
    expect(foldForSearch("كتاب")).toBe("کتاب");
    expect(foldForSearch("كتاب")).toBe(foldForSearch("کتاب"));
  });

  it("folds teh marbuta and ezafe heh to heh", () => {
    expect(foldForSearch("مدرسة")).toBe("مدرسه");
    expect(foldForSearch("خانۀ")).toBe("خانه");
  });

  it("folds alef variants, including madda, to bare alef", () => {
    expect(foldForSearch("آذر")).toBe("اذر");
    expect(foldForSearch("أحمد")).toBe("احمد");
    expect(foldForSearch("إسلام")).toBe("اسلام");
    expect(foldForSearch("ٱلله")).toBe("الله");
  });

  it("folds hamza-carrying waw and yeh", () => {
    expect(foldForSearch("مؤسسه")).toBe("موسسه");
    expect(foldForSearch("مسئول")).toBe("مسیول");
  });

  it("treats decomposed and composed hamza/madda the same", () => {
    expect(foldForSearch("\u0627\u0653ذر")).toBe(foldForSearch("آذر"));
    expect(foldForSearch("\u064A\u0654")).toBe(foldForSearch("ئ"));
  });

  it("keeps Persian yeh and keheh intact through NFKC", () => {
    expect("\u06CC\u06A9".normalize("NFKC")).toBe("\u06CC\u06A9");
    expect(foldForSearch("یک")).toBe("\u06CC\u06A9");
  });

  it("maps Arabic presentation forms (PDF copy-paste) to base Persian letters", () => {
    // ﻋﻠﻲ: ain initial, lam medial, Arabic yeh final
    expect(foldForSearch("\uFECB\uFEE0\uFEF2")).toBe("علی");
    // Farsi yeh and keheh presentation forms
    expect(foldForSearch("\uFBFC")).toBe("\u06CC");
    expect(foldForSearch("\uFB8E")).toBe("\u06A9");
  });
});

describe("foldForSearch: invisible and decorative marks", () => {
  it("removes ZWNJ so the joined spelling matches", () => {
    expect(foldForSearch("تهران\u200Cپرس")).toBe("تهرانپرس");
    expect(foldForSearch("می\u200Cروم")).toBe(foldForSearch("میروم"));
  });

  it("removes ZWJ and bidi marks without splitting words", () => {
    expect(foldForSearch("تهران\u200Dپرس")).toBe("تهرانپرس");
    expect(foldForSearch("\u200Fتهران\u200E")).toBe("تهران");
  });

  it("removes tatweel", () => {
    expect(foldForSearch("تهــران")).toBe("تهران");
  });

  it("removes harakat", () => {
    expect(foldForSearch("تَهران")).toBe("تهران");
    expect(foldForSearch("كِتابٌ")).toBe("کتاب");
    expect(foldForSearch("هٰذا")).toBe("هذا");
  });
});

describe("foldForSearch: digits and Latin", () => {
  it("maps Persian and Arabic-Indic digits to ASCII", () => {
    expect(foldForSearch("۱۴۰۱")).toBe("1401");
    expect(foldForSearch("١٤٠١")).toBe("1401");
    expect(foldForSearch("۰۱۲۳۴۵۶۷۸۹")).toBe("0123456789");
    expect(foldForSearch("٠١٢٣٤٥٦٧٨٩")).toBe("0123456789");
  });

  it("lower-cases Latin", () => {
    expect(foldForSearch("WeGO")).toBe("wego");
  });

  it("strips Latin diacritics", () => {
    expect(foldForSearch("São Paulo")).toBe("sao paulo");
    expect(foldForSearch("Zürich Genève")).toBe("zurich geneve");
    expect(foldForSearch("Sa\u0303o")).toBe("sao");
  });

  it("applies NFKC compatibility folding", () => {
    expect(foldForSearch("ＷｅＧＯ")).toBe("wego");
    expect(foldForSearch("ﬁle")).toBe("file");
  });
});

describe("foldForSearch: separators", () => {
  it("collapses punctuation and whitespace runs to one space and trims", () => {
    expect(foldForSearch("  Tehran,  Iran!! ")).toBe("tehran iran");
    expect(foldForSearch("C40 -- Cities\t\n(Climate)")).toBe("c40 cities climate");
    expect(foldForSearch("تهران، ایران؛ «شهر»")).toBe("تهران ایران شهر");
  });

  it("returns an empty string for text with no letters or digits", () => {
    expect(foldForSearch("")).toBe("");
    expect(foldForSearch(" ...!؟ ")).toBe("");
  });

  it("is idempotent", () => {
    const samples = ["كتابِ  علي، ۱۴۰۱!", "São Paulo", "تهران\u200Cپرس", "آذر ۱۴۰۳"];
    for (const s of samples) {
      const once = foldForSearch(s);
      expect(foldForSearch(once)).toBe(once);
    }
  });

  it("folds a mixed sentence", () => {
    expect(foldForSearch("كتابِ  علي، ۱۴۰۱!")).toBe("کتاب علی 1401");
  });
});

describe("searchTokens", () => {
  it("splits folded text into tokens", () => {
    expect(searchTokens("سفر شهردار تهران به São Paulo، ۱۴۰۱")).toEqual(["سفر", "شهردار", "تهران", "به", "sao", "paulo", "1401"]);
  });

  it("matches across spelling variants", () => {
    expect(searchTokens("علي كريمي")).toEqual(searchTokens("علی کریمی"));
  });

  it("returns no tokens for blank or punctuation-only text", () => {
    expect(searchTokens("")).toEqual([]);
    expect(searchTokens("  -- , ")).toEqual([]);
  });
});

describe("searchTokenAlternatives", () => {
  it("reads two Persian words also as one, the typed reading first", () => {
    expect(searchTokenAlternatives("نمایش گاه")).toEqual([["نمایش", "گاه"], ["نمایشگاه"]]);
  });

  it("never joins Latin words or digits", () => {
    expect(searchTokenAlternatives("new york 2022")).toEqual([["new", "york", "2022"]]);
    expect(searchTokenAlternatives("اکسپو 2020")).toEqual([["اکسپو", "2020"]]);
  });

  it("three Persian words read three ways: a b c, a bc, ab c", () => {
    expect(searchTokenAlternatives("الف ب پ")).toEqual([
      ["الف", "ب", "پ"],
      ["الف", "بپ"],
      ["الفب", "پ"],
    ]);
  });

  it(`more than ${MAX_JOINABLE_TOKENS} tokens are matched as typed`, () => {
    const many = Array.from({ length: MAX_JOINABLE_TOKENS + 1 }, () => "شهر").join(" ");
    expect(searchTokenAlternatives(many)).toEqual([searchTokens(many)]);
    expect(searchTokenAlternatives(Array(MAX_JOINABLE_TOKENS).fill("شهر").join(" "))).toHaveLength(34);
  });

  it("is empty for text without letters or digits", () => {
    expect(searchTokenAlternatives(" -- ")).toEqual([]);
  });
});
