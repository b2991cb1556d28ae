import type { SeedPartnership } from "./types.js";

/**
 * City-to-city ties of Tehran, from public sources (seeds/sources/): the municipality's atlas lists
 * the sister cities and cooperation memoranda with years (about 2008), partner cities' own pages
 * and news agencies date the newer ones. Year- or month-only dates are the period's first day with
 * `signedPrecision` YEAR or MONTH; no day is invented. Where sources disagree, the record follows
 * the stronger one and the comment names the other. Statuses: ACTIVE where a source calls the tie
 * current at some date (the latest is in the comment); fields no source states are left to the
 * derived PARTLY_SOURCED status. The report (F16) names no partner city.
 */
const atlas = "tehran-atlas-sister-cities";
// One record a line reads as a table.
// prettier-ignore
export const partnerships: SeedPartnership[] = [
  // ── Sister cities the atlas lists with a year ──
  // Atlas 1963 (and current c. 2008); the Asian Mayors Forum still calls Seoul a sister city later. The 1977 date of the old seed was a street-naming, not a signing.
  { key: "tehran-seoul", city: "tehran", partner: "seoul", kind: "SISTER_CITY", status: "ACTIVE", signedOn: "1963-01-01", signedPrecision: "YEAR", citations: [{ source: atlas, fact: "F1", fields: ["city", "partner", "kind"] }, { source: atlas, fact: "F8", fields: ["status", "signedOn"] }, { source: "mayors-asia-sister-cities-seoul-minsk", fact: "F2", fields: ["city", "partner", "kind", "status"] }] },
  // Atlas 2001; Hamshahri of 9 March 2001 reports the signing with Havana's mayor (day not given).
  { key: "tehran-havana", city: "tehran", partner: "havana", kind: "SISTER_CITY", status: "ACTIVE", signedOn: "2001-01-01", signedPrecision: "YEAR", citations: [{ source: atlas, fact: "F4", fields: ["city", "partner", "kind", "status", "signedOn"] }, { source: "hamshahri-2001-03-09-havana", fact: "F2", fields: ["city", "partner", "kind", "signedOn"] }] },
  { key: "tehran-pretoria", city: "tehran", partner: "pretoria", kind: "SISTER_CITY", status: "ACTIVE", signedOn: "2002-01-01", signedPrecision: "YEAR", citations: [{ source: atlas, fact: "F9", fields: ["city", "partner", "kind", "status", "signedOn"] }] },
  { key: "tehran-moscow", city: "tehran", partner: "moscow", kind: "SISTER_CITY", status: "ACTIVE", signedOn: "2004-01-01", signedPrecision: "YEAR", citations: [{ source: atlas, fact: "F5", fields: ["city", "partner", "kind", "status", "signedOn"] }] },
  { key: "tehran-caracas", city: "tehran", partner: "caracas", kind: "SISTER_CITY", status: "ACTIVE", signedOn: "2005-01-01", signedPrecision: "YEAR", citations: [{ source: atlas, fact: "F7", fields: ["city", "partner", "kind", "status", "signedOn"] }] },
  { key: "tehran-minsk", city: "tehran", partner: "minsk", kind: "SISTER_CITY", status: "ACTIVE", signedOn: "2006-01-01", signedPrecision: "YEAR", citations: [{ source: atlas, fact: "F6", fields: ["city", "partner", "kind", "status", "signedOn"] }, { source: "mayors-asia-sister-cities-seoul-minsk", fact: "F2", fields: ["city", "partner", "kind", "status"] }] },
  { key: "tehran-istanbul", city: "tehran", partner: "istanbul", kind: "SISTER_CITY", status: "ACTIVE", signedOn: "2006-01-01", signedPrecision: "YEAR", citations: [{ source: atlas, fact: "F11", fields: ["city", "partner", "kind", "status", "signedOn"] }] },
  // Beijing's foreign-affairs office: 27 February 2014, followed here. The atlas gives 2006 (F10; kept, not followed); Zakani spoke of a nine-year tie in October 2023.
  { key: "tehran-beijing", city: "tehran", partner: "beijing", kind: "SISTER_CITY", status: "ACTIVE", signedOn: "2014-02-27", signedPrecision: "DAY", citations: [{ source: "beijing-fao-sister-city-tehran", fact: "F1", fields: ["city", "partner", "kind", "signedOn"] }, { source: atlas, fact: "F10", fields: ["city", "partner", "kind"], otherwise: { signedOn: "2006" } }, { source: "eturbonews-2023-10-21-beijing", fact: "F2", fields: ["status"] }] },

  // ── Sister cities the atlas lists without a year ──
  { key: "tehran-sanaa", city: "tehran", partner: "sanaa", kind: "SISTER_CITY", status: "ACTIVE", citations: [{ source: atlas, fact: "F12", fields: ["city", "partner", "kind", "status"] }] },
  { key: "tehran-kuwait-city", city: "tehran", partner: "kuwait-city", kind: "SISTER_CITY", status: "ACTIVE", citations: [{ source: atlas, fact: "F12", fields: ["city", "partner", "kind", "status"] }] },
  { key: "tehran-khartoum", city: "tehran", partner: "khartoum", kind: "SISTER_CITY", status: "ACTIVE", citations: [{ source: atlas, fact: "F12", fields: ["city", "partner", "kind", "status"] }] },
  { key: "tehran-brasilia", city: "tehran", partner: "brasilia", kind: "SISTER_CITY", status: "ACTIVE", citations: [{ source: atlas, fact: "F12", fields: ["city", "partner", "kind", "status"] }] },
  // Concluded "earlier" (no year in any source found); its executive document followed in 2024 (below).
  { key: "tehran-dushanbe", city: "tehran", partner: "dushanbe", kind: "SISTER_CITY", status: "ACTIVE", citations: [{ source: atlas, fact: "F12", fields: ["city", "partner", "kind"] }, { source: "ghalamnews-44069-dushanbe", fact: "F2", fields: ["city", "partner", "kind", "status"] }] },
  // Begun after 1979 (atlas), not in its list of current ties: ACTIVE is our reading, no source states it.
  { key: "tehran-bishkek", city: "tehran", partner: "bishkek", kind: "SISTER_CITY", status: "ACTIVE", citations: [{ source: atlas, fact: "F2", fields: ["city", "partner", "kind"] }] },
  // Before 1979 (atlas; no year found in a trusted source); Los Angeles cut it "for a time" in the 1979 hostage crisis and no source says it resumed: ENDED is our reading.
  { key: "tehran-los-angeles", city: "tehran", partner: "los-angeles", kind: "SISTER_CITY", status: "ENDED", citations: [{ source: atlas, fact: "F1", fields: ["city", "partner", "kind"] }, { source: "curbed-la-2013-02-13-st-petersburg", fact: "F1", fields: ["city", "partner", "kind"] }] },

  // ── Memoranda of mutual cooperation the atlas lists (no years); ACTIVE as of about 2008 is our reading ──
  { key: "tehran-kabul", city: "tehran", partner: "kabul", kind: "MEMORANDUM", status: "ACTIVE", citations: [{ source: atlas, fact: "F13", fields: ["city", "partner", "kind"] }] },
  { key: "tehran-paris", city: "tehran", partner: "paris", kind: "MEMORANDUM", status: "ACTIVE", citations: [{ source: atlas, fact: "F13", fields: ["city", "partner", "kind"] }] },
  { key: "tehran-milan", city: "tehran", partner: "milan", kind: "MEMORANDUM", status: "ACTIVE", citations: [{ source: atlas, fact: "F13", fields: ["city", "partner", "kind"] }] },
  { key: "tehran-saint-petersburg", city: "tehran", partner: "saint-petersburg", kind: "MEMORANDUM", status: "ACTIVE", citations: [{ source: atlas, fact: "F13", fields: ["city", "partner", "kind"] }] },
  // Fars (via Eurasia.ro): an agreement signed "on Monday" before 29 February 2008; the month is kept. The atlas calls the Baghdad tie a memorandum of mutual cooperation.
  { key: "tehran-baghdad", city: "tehran", partner: "baghdad", kind: "COOPERATION_AGREEMENT", status: "ACTIVE", signedOn: "2008-02-01", signedPrecision: "MONTH", citations: [{ source: "eurasia-2008-02-29-baghdad", fact: "F1", fields: ["city", "partner", "kind", "signedOn"] }, { source: atlas, fact: "F13", fields: ["city", "partner"] }] },
  // Moscow's three-year cooperation programme, reported 18 November 2015: ENDED about 2018 is our reading of "three years".
  { key: "tehran-moscow-cooperation-2015", city: "tehran", partner: "moscow", kind: "COOPERATION_AGREEMENT", status: "ENDED", signedOn: "2015-11-01", signedPrecision: "MONTH", citations: [{ source: "m24-90281-moscow", fact: "F1", fields: ["city", "partner", "kind", "signedOn"] }] },

  // ── The 2021– council term ──
  { key: "tehran-karbala", city: "tehran", partner: "karbala", kind: "SISTER_CITY", status: "ACTIVE", signedOn: "2022-01-01", signedPrecision: "YEAR", citations: [{ source: "iqna-4078720-karbala", fact: "F1", fields: ["city", "partner", "kind", "status", "signedOn"] }] },
  { key: "tehran-yerevan", city: "tehran", partner: "yerevan", kind: "SISTER_CITY", status: "ACTIVE", signedOn: "2023-01-18", signedPrecision: "DAY", citations: [{ source: "newsarmenia-2023-01-18-yerevan", fact: "F1", fields: ["city", "partner", "kind", "status", "signedOn"] }] },
  { key: "tehran-dushanbe-cooperation-2024", city: "tehran", partner: "dushanbe", kind: "COOPERATION_AGREEMENT", status: "ACTIVE", signedOn: "2024-01-09", signedPrecision: "DAY", citations: [{ source: "ghalamnews-44069-dushanbe", fact: "F1", fields: ["city", "partner", "kind", "status", "signedOn"] }] },
  // Signed on the mayor's Syria trip of 4–6 September 2024; Tehran's 21st sister city (the mayor, 17 September 2024).
  { key: "tehran-damascus", city: "tehran", partner: "damascus", kind: "SISTER_CITY", status: "ACTIVE", signedOn: "2024-09-01", signedPrecision: "MONTH", citations: [{ source: "kaaf-3169330", fact: "F4", fields: ["city", "partner", "kind", "signedOn"] }, { source: "ghatreh-14030635906419361792", fact: "F3", fields: ["city", "partner", "kind", "status"] }] },
  // Friendly relations, explicitly not a sister-city tie.
  { key: "tehran-kazan", city: "tehran", partner: "kazan", kind: "FRIENDSHIP", status: "ACTIVE", signedOn: "2025-04-01", signedPrecision: "MONTH", citations: [{ source: "tatarstan24-9273-kazan", fact: "F1", fields: ["city", "partner", "kind", "status", "signedOn"] }] },
];
