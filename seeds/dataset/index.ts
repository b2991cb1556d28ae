import type { SeedDataset } from "./types.js";
import { cities } from "./cities.js";
import { organisations } from "./organisations.js";
import { memberships } from "./memberships.js";
import { events } from "./events.js";
import { trips } from "./trips.js";
import { attendances } from "./attendances.js";
import { partnerships } from "./partnerships.js";
import { reportedFigures } from "./reportedFigures.js";
import { coverage } from "./coverage.js";

export { cities, organisations, memberships, events, trips, attendances, partnerships, reportedFigures, coverage };

/** The whole seed dataset (see seeds/sources/tehran-press-47801.md and types.ts). */
export const dataset: SeedDataset = {
  cities,
  organisations,
  memberships,
  events,
  trips,
  attendances,
  partnerships,
  reportedFigures,
  coverage,
};
