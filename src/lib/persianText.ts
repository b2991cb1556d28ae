/**
 * Text folding for Persian-aware search.
 *
 * Persian text reaches us typed on Arabic keyboards, pasted from PDFs (presentation forms),
 * with or without ZWNJ, vowel marks, kashida stretching and Persian/Arabic digits. The same
 * word can therefore be spelled many byte-different ways. `foldForSearch` maps all of those to
 * one canonical form; it must be applied identically to indexed text and to queries, and its
 * output is only for matching — never show it to users.
 *
 * Changing any rule here changes what the index contains, so stored folded text must be
 * rebuilt after an edit.
 */

// Arabic-keyboard and hamza-carrying letters folded to the bare Persian letter a reader would
// accept as "the same". Hamza/madda forms are folded because users rarely type them
// consistently (آذر vs اذر, مسئول vs مسیول): that costs a little precision and buys recall.
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  "\u064A": "\u06CC", // ي Arabic yeh -> ی Persian yeh
  "\u0649": "\u06CC", // ى alef maksura -> ی
  "\u0626": "\u06CC", // ئ yeh with hamza -> ی
  "\u0643": "\u06A9", // ك Arabic kaf -> ک keheh
  "\u0629": "\u0647", // ة teh marbuta -> ه
  "\u06C0": "\u0647", // ۀ heh with yeh above (Persian ezafe) -> ه, so خانۀ matches خانه
  "\u0623": "\u0627", // أ alef with hamza above -> ا
  "\u0625": "\u0627", // إ alef with hamza below -> ا
  "\u0622": "\u0627", // آ alef with madda -> ا
  "\u0671": "\u0627", // ٱ alef wasla -> ا
  "\u0624": "\u0648", // ؤ waw with hamza -> و
};
const LETTER_FOLD_PATTERN = new RegExp(`[${Object.keys(LETTER_FOLDS).join("")}]`, "gu");

// Removed outright, joining the letters around them:
// - \p{Cf} format characters, notably ZWNJ (U+200C) and ZWJ (U+200D): "می‌روم" is one word
//   written with a ZWNJ that many people omit ("میروم"), so joining makes both match. The
//   space-separated spelling "می روم" still yields two tokens; bridging that is the query
//   layer's job, not folding's. Also covers bidi marks, BOM and soft hyphens that sneak into
//   pasted text mid-word.
// - U+0640 tatweel (kashida): purely typographic stretching.
// - Arabic harakat and Quranic marks (U+0610–U+061A, U+064B–U+065F, U+0670, U+06D6–U+06ED,
//   U+08D3–U+08FF): optional vowelling that most text omits.
const REMOVED = /[\p{Cf}\u0640\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u08D3-\u08FF]/gu;

// Persian (U+06F0–U+06F9) and Arabic-Indic (U+0660–U+0669) digits -> ASCII, so "۱۴۰۱",
// "١٤٠١" and "1401" are the same token.
const NON_ASCII_DIGIT = /[\u06F0-\u06F9\u0660-\u0669]/gu;

const LATIN_COMBINING_MARK = /[\u0300-\u036F]/gu;

// Anything that cannot be part of a word becomes a single separator. Combining marks (\p{M})
// are kept as word characters: the Persian/Latin ones are already gone by this point, and
// splitting on them would shatter words in scripts such as Devanagari or Thai.
const SEPARATOR_RUN = /[^\p{L}\p{M}\p{N}]+/gu;

/**
 * Folds text to the canonical form used for search matching, e.g.
 * "كتابِ  علي، ۱۴۰۱!" -> "کتاب علی 1401" and "São Paulo" -> "sao paulo".
 */
export function foldForSearch(text: string): string {
  // NFKC first: it turns Arabic presentation forms (common in PDF copy-paste) and full-width or
  // ligature characters into base letters, and composes decomposed hamza/madda sequences so the
  // letter folds below see one code point. Persian ی (U+06CC) and ک (U+06A9) are not compatibility
  // characters, so NFKC leaves them alone.
  let s = text.normalize("NFKC").toLowerCase();
  // Strip Latin accents via NFD, then recompose so Persian letters are back in composed form
  // before LETTER_FOLDS runs (NFD would otherwise split آ/أ/ۀ into base + Arabic mark).
  s = s.normalize("NFD").replace(LATIN_COMBINING_MARK, "").normalize("NFC");
  s = s.replace(LETTER_FOLD_PATTERN, (ch) => LETTER_FOLDS[ch]);
  s = s.replace(REMOVED, "");
  s = s.replace(NON_ASCII_DIGIT, (ch) => {
    const cp = ch.codePointAt(0)!;
    return String(cp - (cp >= 0x06f0 ? 0x06f0 : 0x0660));
  });
  return s.replace(SEPARATOR_RUN, " ").trim();
}

/** Folded search tokens of `text`; empty for text with no letters or digits. */
export function searchTokens(text: string): string[] {
  const folded = foldForSearch(text);
  return folded === "" ? [] : folded.split(" ");
}

const PERSIAN_WORD = /^\p{Script=Arabic}+$/u;

/** Above this many tokens a query is matched as typed: the alternatives grow like Fibonacci numbers. */
export const MAX_JOINABLE_TOKENS = 8;

/**
 * The ways a query's tokens can be read when a ZWNJ may have been typed as a space: "نمایش گاه"
 * is ["نمایش", "گاه"] or ["نمایشگاه"] (folding removed the ZWNJ of the indexed "نمایش‌گاه", so
 * the joined word is what the index holds). Two neighbouring Persian-script tokens may be joined;
 * Latin words and digits never are. The tokens as typed come first; each alternative is a list of
 * tokens that must all match. Queries of more than MAX_JOINABLE_TOKENS tokens are not expanded.
 */
export function searchTokenAlternatives(text: string): string[][] {
  const tokens = searchTokens(text);
  if (tokens.length === 0) return [];
  if (tokens.length > MAX_JOINABLE_TOKENS) return [tokens];
  const from = (i: number): string[][] => {
    if (i >= tokens.length) return [[]];
    const separate = from(i + 1).map((rest) => [tokens[i], ...rest]);
    const next = tokens[i + 1];
    if (next === undefined || !PERSIAN_WORD.test(tokens[i]) || !PERSIAN_WORD.test(next)) return separate;
    return [...separate, ...from(i + 2).map((rest) => [tokens[i] + next, ...rest])];
  };
  return from(0);
}
