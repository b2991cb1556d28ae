import type { SeedMembership } from "./types.js";

/**
 * Memberships of cities in international bodies. The report states two of Tehran's: WeGO, joined in
 * the council term that began in August 2021 (F14), and ISOCARP, held before that term and
 * continued (F15; start year unknown, so no startDate). Public sources (seeds/sources/) state
 * Tehran's roles in Metropolis, UCLG, UCLG-MEWA and the Asian Mayors Forum. A record has one role:
 * the latest a source states (the earlier ones are in the comments and the facts files). No source
 * states a membership category for Tehran: `category` stays an unbacked field. CityNet, OICC and
 * ICLEI, and the other cities' memberships without a source, are ILLUSTRATIVE.
 */
export const memberships: SeedMembership[] = [
  // ── Tehran: named by the report ──
  {
    // A member (the atlas, about 2008); co-president of Metropolis elected online on 2020-11-30
    // (IRNA), and speaking as its vice-president at the Brussels assembly of June 2023 (IRIB). No
    // source gives the start year the old seed had (2005) or a category. The external id is the
    // seed's own test fixture, not a Metropolis registry number.
    key: "tehran-metropolis",
    member: "tehran",
    organisation: "metropolis",
    status: "ACTIVE",
    category: "FULL",
    role: "VICE_PRESIDENT",
    externalIds: [{ scheme: "metropolis-registry", value: "MET-TEH-001" }],
    citations: [
      { source: "tehran-atlas-sister-cities", fact: "F14", fields: ["member", "organisation"] },
      { source: "irna-84131550-metropolis", fact: "F1", fields: ["member", "organisation"] },
      { source: "iribnews-3883410", fact: "F2", fields: ["member", "organisation", "role", "status"] },
    ],
    shapedBy: ["F11"],
  },

  {
    // "In the new term the municipality became a member" (F14): the year is our reading.
    key: "tehran-wego",
    member: "tehran",
    organisation: "wego",
    status: "ACTIVE",
    category: "FULL",
    categoryLabel: "Full Member",
    role: "MEMBER",
    startDate: "2022-01-01",
    startPrecision: "YEAR",
    citations: [{ source: "tehran-press-47801", fact: "F14", fields: ["member", "organisation", "role"] }],
  },
  {
    // Held before the current term and continued (F15); the start year is not stated.
    key: "tehran-isocarp",
    member: "tehran",
    organisation: "isocarp",
    status: "ACTIVE",
    category: "INSTITUTIONAL",
    categoryLabel: "Institutional member",
    role: "MEMBER",
    citations: [{ source: "tehran-press-47801", fact: "F15", fields: ["member", "organisation", "role", "status"] }],
  },

  // ── Tehran: stated by public sources ──
  {
    // President of the section from its Tehran congress of 10–11 April 2013 (UCLG); in October 2025
    // the mayor went to China as vice-president of the section (Mehr). The old seed's start year
    // (2006) has no source.
    key: "tehran-uclg-mewa",
    member: "tehran",
    organisation: "uclg-mewa",
    status: "ACTIVE",
    category: "FULL",
    role: "VICE_PRESIDENT",
    citations: [
      { source: "uclg-2013-04-mewa-presidency", fact: "F2", fields: ["member", "organisation"] },
      { source: "mehrnews-2025-10-16-xian", fact: "F1", fields: ["member", "organisation", "role", "status"] },
    ],
    shapedBy: ["F13", "F17"],
  },

  {
    // Re-elected UCLG vice-president for the Middle East and West Asia at the Rabat congress of
    // November 2013, for three years (Tasnim, the municipality's English site); a member still in
    // October 2025 (Mehr). Membership through the regional section is the seed's model.
    key: "tehran-uclg",
    member: "tehran",
    organisation: "uclg",
    via: "uclg-mewa",
    status: "ACTIVE",
    category: "FULL",
    categoryLabel: "Member through the Middle East and West Asia section",
    role: "VICE_PRESIDENT",
    citations: [
      { source: "tasnim-180784", fact: "F1", fields: ["member", "organisation", "role", "status"] },
      { source: "tehran-olden-1550", fact: "F1", fields: ["member", "organisation", "role"] },
      { source: "mehrnews-2025-10-16-xian", fact: "F1", fields: ["status"] },
    ],
    shapedBy: ["F13"],
  },
  {
    // Founded in Tehran in November 2008 on its mayor's initiative; the permanent secretariat sits in
    // Tehran; in March 2022 Tehran spoke of its support as the forum's founder.
    key: "tehran-amf",
    member: "tehran",
    organisation: "amf",
    status: "ACTIVE",
    category: "FULL",
    role: "SECRETARIAT",
    startDate: "2008-11-01",
    startPrecision: "MONTH",
    citations: [
      { source: "mayors-asia-about-us", fact: "F2", fields: ["member", "organisation", "startDate"] },
      { source: "mayors-asia-second-general-assembly", fact: "F1", fields: ["role"] },
      { source: "tehran-olden-1550", fact: "F3", fields: ["member", "organisation", "role"] },
      { source: "mayors-asia-1138-dushanbe", fact: "F2", fields: ["member", "organisation", "status"] },
    ],
  },

  // ── Tehran: ILLUSTRATIVE (no source found) ──
  {
    key: "tehran-citynet",
    member: "tehran",
    organisation: "citynet",
    status: "ACTIVE",
    category: "FULL",
    categoryLabel: "Full member",
    role: "MEMBER",
    startDate: "2012-01-01",
    startPrecision: "YEAR",
    citations: [],
    shapedBy: ["F13"],
  },
  {
    key: "tehran-oicc",
    member: "tehran",
    organisation: "oicc",
    status: "ACTIVE",
    category: "FULL",
    categoryLabel: "Member capital",
    role: "MEMBER",
    citations: [],
    shapedBy: ["F13"],
  },
  {
    // Not renewed after the membership fee lapsed.
    key: "tehran-iclei",
    member: "tehran",
    organisation: "iclei",
    status: "LAPSED",
    category: "FULL",
    categoryLabel: "Member",
    role: "MEMBER",
    startDate: "2009-01-01",
    startPrecision: "YEAR",
    endDate: "2016-12-31",
    endPrecision: "YEAR",
    citations: [],
    shapedBy: ["F13"],
  },

  // ── Other cities, so the data is not Tehran-only (ILLUSTRATIVE unless a source is cited) ──
  {
    key: "seoul-metropolis",
    member: "seoul",
    organisation: "metropolis",
    status: "ACTIVE",
    category: "FULL",
    categoryLabel: "Full member",
    role: "BOARD_MEMBER",
    citations: [],
  },
  {
    key: "seoul-wego",
    member: "seoul",
    organisation: "wego",
    status: "ACTIVE",
    category: "FULL",
    categoryLabel: "Full Member",
    role: "SECRETARIAT",
    startDate: "2010-01-01",
    startPrecision: "YEAR",
    citations: [],
    shapedBy: ["F14"],
  },
  {
    key: "seoul-citynet",
    member: "seoul",
    organisation: "citynet",
    status: "ACTIVE",
    category: "FULL",
    categoryLabel: "Full member",
    role: "SECRETARIAT",
    citations: [],
  },
  {
    key: "istanbul-uclg-mewa",
    member: "istanbul",
    organisation: "uclg-mewa",
    status: "ACTIVE",
    category: "FULL",
    categoryLabel: "Full member",
    role: "BOARD_MEMBER",
    citations: [],
    shapedBy: ["F17"],
  },
  {
    key: "istanbul-metropolis",
    member: "istanbul",
    organisation: "metropolis",
    status: "ACTIVE",
    category: "FULL",
    categoryLabel: "Full member",
    role: "MEMBER",
    citations: [],
    shapedBy: ["F17"],
  },
  {
    // The forum's presidency passed to Dushanbe's mayor at the board meeting of 8 March 2022.
    key: "dushanbe-amf",
    member: "dushanbe",
    organisation: "amf",
    status: "ACTIVE",
    category: "FULL",
    role: "PRESIDENT",
    startDate: "2022-03-08",
    startPrecision: "DAY",
    citations: [
      { source: "mayors-asia-1138-dushanbe", fact: "F3", fields: ["member", "organisation", "role", "status", "startDate"] },
    ],
  },
  {
    // Co-presidents of UCLG-MEWA elected in Tehran in April 2013 (the role in 2013; later roles not
    // researched; ACTIVE is not stated).
    key: "baghdad-uclg-mewa",
    member: "baghdad",
    organisation: "uclg-mewa",
    status: "ACTIVE",
    category: "FULL",
    role: "VICE_PRESIDENT",
    citations: [{ source: "uclg-2013-04-mewa-presidency", fact: "F3", fields: ["member", "organisation", "role"] }],
  },
  {
    key: "konya-uclg-mewa",
    member: "konya",
    organisation: "uclg-mewa",
    status: "ACTIVE",
    category: "FULL",
    role: "VICE_PRESIDENT",
    citations: [{ source: "uclg-2013-04-mewa-presidency", fact: "F3", fields: ["member", "organisation", "role"] }],
  },
  {
    key: "kuala-lumpur-citynet",
    member: "kuala-lumpur",
    organisation: "citynet",
    status: "ACTIVE",
    category: "FULL",
    categoryLabel: "Full member",
    role: "MEMBER",
    citations: [],
  },
];
