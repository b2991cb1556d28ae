import type { SeedReportedFigure } from "./types.js";

/**
 * Figures the report states (Tehran Press 47801), kept as stated beside what the records compute.
 * F1 and F4 are reproduced exactly (or within half a point) by the trip records; F2 and F3 are not
 * reconcilable with them (127 / 31 = 4.1, not 3.5) and are kept only as reported.
 */
const P_FROM = "2022-08-23"; // 1 Shahrivar 1401
const P_TO = "2023-03-20"; // 29 Esfand 1401

// One record a line reads as a table.
// prettier-ignore
export const reportedFigures: SeedReportedFigure[] = [
  // F1
  { key: "f1-trips-completed-1401-shahrivar-esfand", city: "tehran", metric: "TRIPS_COMPLETED", periodFrom: P_FROM, periodTo: P_TO, value: 31, fact: "F1", note: "Foreign trips made from Shahrivar to Esfand 1401." },
  { key: "f1-participants-1401-shahrivar-esfand", city: "tehran", metric: "PARTICIPANTS", periodFrom: P_FROM, periodTo: P_TO, value: 127, fact: "F1", note: "Participants in the 31 trips made from Shahrivar to Esfand 1401." },
  // F4
  { key: "f4-rejection-rate-1401-shahrivar-esfand", city: "tehran", metric: "REJECTION_RATE", periodFrom: P_FROM, periodTo: P_TO, value: 0.28, fact: "F4", note: "Share of trip requests the foreign-trips committee rejects (28%); the report gives no period, the surrounding figures are for Shahrivar..Esfand 1401." },
  { key: "f4-not-carried-out-rate-1401-shahrivar-esfand", city: "tehran", metric: "NOT_CARRIED_OUT_RATE", periodFrom: P_FROM, periodTo: P_TO, value: 0.26, fact: "F4", note: "Share of approved trips never carried out (26%)." },
  // F2
  { key: "f2-average-delegation-1400", city: "tehran", metric: "AVERAGE_DELEGATION_SIZE", periodFrom: "2021-03-21", periodTo: "2022-03-20", value: 4.3, fact: "F2", note: "Average delegation size in 1400, as reported." },
  { key: "f2-average-delegation-1401", city: "tehran", metric: "AVERAGE_DELEGATION_SIZE", periodFrom: "2022-03-21", periodTo: "2023-03-20", value: 3.5, fact: "F2", note: "Average delegation size 'last year' (1401), as reported; the report does not reconcile it with 127 / 31 = 4.1." },
  // F3
  { key: "f3-trips-per-month-1401-shahrivar-esfand", city: "tehran", metric: "TRIPS_PER_MONTH", periodFrom: P_FROM, periodTo: P_TO, value: 1.6, fact: "F3", note: "Trips a month, as reported (31 trips over the 7 months would be 4.4)." },
  { key: "f3-trips-per-month-term-first-18-months", city: "tehran", metric: "TRIPS_PER_MONTH", periodFrom: "2021-08-23", periodTo: "2023-02-19", value: 1.5, fact: "F3", note: "Average trips a month over the first 18 months of the current (6th) council term, as reported." },
  { key: "f3-participants-per-month-term-first-18-months", city: "tehran", metric: "PARTICIPANTS_PER_MONTH", periodFrom: "2021-08-23", periodTo: "2023-02-19", value: 6.7, fact: "F3", note: "People a month on foreign missions over the first 18 months of the current (6th) council term, as reported." },
  // F10
  { key: "f10-events-attended-online-1401-shahrivar-esfand", city: "tehran", metric: "EVENTS_ATTENDED", periodFrom: P_FROM, periodTo: P_TO, value: 13, fact: "F10", mode: "ONLINE", note: "International summits attended by videoconference." },
];
