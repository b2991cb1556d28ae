import type { SeedPartnership } from "./types.js";

/**
 * City-to-city ties of Tehran (F16: "city-to-city cooperation networks are another capacity the
 * municipality uses"). The report names no partner city: all records, kinds and dates are
 * ILLUSTRATIVE.
 */
// One record a line reads as a table.
// prettier-ignore
export const partnerships: SeedPartnership[] = [
  { key: "tehran-seoul", city: "tehran", partner: "seoul", kind: "SISTER_CITY", status: "ACTIVE", signedOn: "1977-06-17", citations: [], shapedBy: ["F16"] },
  { key: "tehran-beirut", city: "tehran", partner: "beirut", kind: "SISTER_CITY", status: "ACTIVE", signedOn: "1997-05-12", citations: [], shapedBy: ["F16"] },
  { key: "tehran-damascus", city: "tehran", partner: "damascus", kind: "SISTER_CITY", status: "ACTIVE", signedOn: "2001-10-08", citations: [], shapedBy: ["F16"] },
  { key: "tehran-dushanbe", city: "tehran", partner: "dushanbe", kind: "FRIENDSHIP", status: "ACTIVE", signedOn: "2006-07-20", citations: [], shapedBy: ["F5", "F16"] },
  { key: "tehran-moscow", city: "tehran", partner: "moscow", kind: "MEMORANDUM", status: "ACTIVE", signedOn: "2021-11-16", citations: [], shapedBy: ["F16"] },
  { key: "tehran-baghdad", city: "tehran", partner: "baghdad", kind: "COOPERATION_AGREEMENT", status: "ACTIVE", signedOn: "2023-01-30", citations: [], shapedBy: ["F5", "F16", "F20"] },
  { key: "tehran-kuala-lumpur", city: "tehran", partner: "kuala-lumpur", kind: "MEMORANDUM", status: "ACTIVE", signedOn: "2016-02-23", citations: [], shapedBy: ["F16"] },
  { key: "tehran-havana", city: "tehran", partner: "havana", kind: "FRIENDSHIP", status: "DORMANT", signedOn: "2001-05-09", citations: [], shapedBy: ["F16"] },
  { key: "tehran-doha", city: "tehran", partner: "doha", kind: "MEMORANDUM", status: "PROPOSED", citations: [], shapedBy: ["F16", "F20"] },
];
