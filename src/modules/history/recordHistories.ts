/** The `history` field of each kind of record the change feed numbers. */
import { Attendance, Event } from "../events/eventTypes.js";
import { Membership } from "../memberships/membershipType.js";
import { Organisation } from "../organisations/organisationType.js";
import { Partnership } from "../partnerships/partnershipType.js";
import { City } from "../places/placeTypes.js";
import { Trip } from "../trips/tripTypes.js";
import { historyResolver } from "./historyResolver.js";

export const HISTORY_RESOLVERS = [
  historyResolver(Trip, "Trip", "TRIP"),
  historyResolver(Membership, "Membership", "MEMBERSHIP"),
  historyResolver(Organisation, "Organisation", "ORGANISATION"),
  historyResolver(Event, "Event", "EVENT"),
  historyResolver(Attendance, "Attendance", "ATTENDANCE"),
  historyResolver(Partnership, "Partnership", "PARTNERSHIP"),
  historyResolver(City, "City", "CITY"),
] as const;
