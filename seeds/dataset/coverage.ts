import type { SeedCoverage } from "./types.js";

/**
 * What the sources say of how complete the records are. The committee's report (Tehran Press 47801,
 * F1) gives every foreign trip of Shahrivar..Esfand 1401, so those months are complete; for any
 * other month no source says whether the records hold every trip.
 */
export const coverage: SeedCoverage[] = [
  {
    city: "tehran",
    periodFrom: "2022-08-23", // 1 Shahrivar 1401
    periodTo: "2023-03-20", // 29 Esfand 1401
    status: "COMPLETE",
    source: "tehran-press-47801",
    fact: "F1",
    note: "The foreign-trips committee's report to the city council counts every foreign trip of these months.",
  },
];
