/**
 * The one place every String and ID a client sends is bounded: each input field and argument of
 * the schema has a maximum length here, and no text may hold a NUL character (PostgreSQL cannot
 * store one and answers an error; nothing in the domain needs one). The schema is checked against
 * this table when it is built, so a new String input without a bound fails at start-up and in CI.
 *
 * A field's arguments are checked before its resolver runs: a query field answers BAD_USER_INPUT,
 * a mutation answers its payload with INVALID user errors (and writes nothing). The domain checks
 * (src/data/writes/*) still give their own messages for shorter texts; these bounds are the same
 * numbers, applied to the text as sent.
 */
import {
  defaultFieldResolver,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { badUserInput } from "./errors.js";
import { UserErrorCode } from "../lib/errorCodes.js";

/** A global ID (base64url of "<Type>:<public id>"). */
const ID = 200;
/** A record named by global ID or by slug / code. */
const REF = 200;
/** An opaque page cursor (`after` / `before`). */
const CURSOR = 1000;
const NAME = 300;
const SOURCE = 100;
const EXTERNAL_ID = 200;
const UNIT = 200;
const REASON = 1000;

/**
 * Maximum length, in UTF-16 code units (JavaScript's `length`), of each String / ID input:
 * `Input.field` for input object fields, `Type.field(argument)` for arguments. Arguments named
 * `after` or `before` are cursors (CURSOR) wherever they appear.
 */
export const STRING_INPUT_BOUNDS: Readonly<Record<string, number>> = {
  "Query.node(id)": ID,
  "Query.nodes(ids)": ID,
  "Query.organisation(slug)": REF,
  "Query.search(text)": 200,
  "Query.searchConnection(text)": 200,
  "Query.footprint(city)": REF,
  "Query.series(city)": REF,
  "Query.auditLog(actor)": 100,
  "Query.auditLog(operation)": 100,
  "Query.source(id)": ID,
  "Source.citedBy(fact)": 20,
  "CitesInput.source": ID,
  "CitesInput.fact": 20,

  "CityFilter.countries": REF,
  "CityFilter.memberOf": REF,
  "EventFilter.attendedBy": REF,
  "EventFilter.countries": REF,
  "EventFilter.host": REF,
  "EventFilter.organisation": REF,
  "MembershipFilter.member": REF,
  "MembershipFilter.organisation": REF,
  "MembershipFilter.via": REF,
  "OrganisationFilter.memberCity": REF,
  "PartnershipFilter.city": REF,
  "PartnershipFilter.partner": REF,
  "TripFilter.city": REF,
  "TripFilter.countries": REF,
  "TripFilter.destinations": REF,
  "TripFilter.organisation": REF,
  "TripFilter.requestingUnit": UNIT,

  "RequestTripInput.city": REF,
  "RequestTripInput.code": 50,
  "RequestTripInput.destinations": REF,
  "RequestTripInput.events": ID,
  "RequestTripInput.invitedBy": REF,
  "RequestTripInput.organisations": REF,
  "RequestTripInput.requestingUnit": UNIT,
  "RequestTripInput.requestingUnitEn": UNIT,
  "RequestTripInput.titleEn": NAME,
  "RequestTripInput.titleFa": NAME,
  "DelegateInput.nameEn": 200,
  "DelegateInput.nameFa": 200,
  "DelegateInput.position": 200,
  "DelegateInput.positionEn": 200,
  "DelegateInput.unit": 200,
  "DelegateInput.unitEn": 200,
  "MoneyInput.currency": 10,
  "DecideTripInput.id": ID,
  "DecideTripInput.reason": REASON,
  "DecideTripInput.reasonEn": REASON,
  "CompleteTripInput.id": ID,
  "CancelTripInput.id": ID,
  "CancelTripInput.reason": REASON,

  "UpsertOrganisationInput.id": ID,
  "UpsertOrganisationInput.slug": 60,
  "UpsertOrganisationInput.nameEn": NAME,
  "UpsertOrganisationInput.nameFa": NAME,
  "UpsertOrganisationInput.acronym": 30,
  "UpsertOrganisationInput.focus": 60,
  "UpsertOrganisationInput.headquarters": REF,
  "UpsertOrganisationInput.website": 500,
  "UpsertOrganisationInput.source": SOURCE,
  "UpsertOrganisationInput.externalId": EXTERNAL_ID,

  "UpsertEventInput.id": ID,
  "UpsertEventInput.nameEn": NAME,
  "UpsertEventInput.nameFa": NAME,
  "UpsertEventInput.host": REF,
  "UpsertEventInput.organiser": REF,
  "UpsertEventInput.source": SOURCE,
  "UpsertEventInput.externalId": EXTERNAL_ID,
  "RecordAttendanceInput.event": ID,
  "RecordAttendanceInput.city": REF,
  "RecordAttendanceInput.membership": ID,
  "RecordAttendanceInput.trip": REF,
  "RecordAttendanceInput.outcomes": NAME,

  "UpsertMembershipInput.id": ID,
  "UpsertMembershipInput.member": REF,
  "UpsertMembershipInput.organisation": REF,
  "UpsertMembershipInput.via": REF,
  "UpsertMembershipInput.categoryLabel": 100,
  "UpsertMembershipInput.source": SOURCE,
  "UpsertMembershipInput.externalId": EXTERNAL_ID,
  "MembershipInput.member": REF,
  "MembershipInput.organisation": REF,
  "MembershipInput.via": REF,
  "MembershipInput.categoryLabel": 100,
  "MembershipInput.externalId": EXTERNAL_ID,
  "SyncMembershipsInput.source": SOURCE,
  "SyncMembershipsInput.idempotencyKey": 200,
  "DeleteInput.id": ID,

  "SetCoverageInput.city": REF,
  "SetCoverageInput.source": ID,
  "SetCoverageInput.locator": 100,
  "SetCoverageInput.note": 500,
  "UpsertPartnershipInput.id": ID,
  "UpsertPartnershipInput.city": REF,
  "UpsertPartnershipInput.partner": REF,
  "UpsertPartnershipInput.source": SOURCE,
  "UpsertPartnershipInput.externalId": EXTERNAL_ID,

  "CreateApiKeyInput.name": 100,
  "CreateApiKeyInput.organisation": REF,
  "RevokeApiKeyInput.id": ID,
};

const CURSOR_ARGUMENTS = new Set(["after", "before"]);

type Path = (string | number)[];

interface Problem {
  path: Path;
  message: string;
}

/** Checks one value against its input type, adding what is wrong with it to `problems`. */
type Check = (value: unknown, path: Path, problems: Problem[]) => void;

const NUL = "\u0000";

function stringCheck(max: number): Check {
  return (value, path, problems) => {
    if (typeof value !== "string") return;
    const at = path.join(".");
    if (value.includes(NUL)) problems.push({ path, message: `${at} contains a NUL character (U+0000), which no text may hold.` });
    else if (value.length > max)
      problems.push({
        path,
        message: `${at} may be at most ${max.toLocaleString("en")} characters; got ${value.length.toLocaleString("en")}.`,
      });
  };
}

class Checks {
  private readonly inputObjects = new Map<string, Check | null>();
  readonly unbounded: string[] = [];

  /** The check for a value of `type` at `coordinate`, or null when nothing in it is text. */
  forType(type: GraphQLInputType, coordinate: string, bound: number | undefined): Check | null {
    if (isNonNullType(type)) return this.forType(type.ofType, coordinate, bound);
    if (isListType(type)) {
      const item = this.forType(type.ofType, coordinate, bound);
      if (!item) return null;
      return (value, path, problems) => {
        if (Array.isArray(value)) value.forEach((v, i) => item(v, [...path, i], problems));
      };
    }
    if (isInputObjectType(type)) return this.forInputObject(type.name, type);
    const named = getNamedType(type);
    if (named.name !== "String" && named.name !== "ID") return null;
    if (bound === undefined) {
      this.unbounded.push(coordinate);
      return null;
    }
    return stringCheck(bound);
  }

  private forInputObject(name: string, type: Extract<GraphQLInputType, { getFields: unknown }>): Check | null {
    if (this.inputObjects.has(name)) {
      // Reached again while being built (a recursive input): defer to the finished check.
      return (value, path, problems) => this.inputObjects.get(name)?.(value, path, problems);
    }
    this.inputObjects.set(name, null);
    const fields: [string, Check][] = [];
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${name}.${field.name}`;
      const check = this.forType(field.type, coordinate, STRING_INPUT_BOUNDS[coordinate]);
      if (check) fields.push([field.name, check]);
    }
    const check: Check | null =
      fields.length === 0
        ? null
        : (value, path, problems) => {
            if (value === null || typeof value !== "object") return;
            for (const [fieldName, fieldCheck] of fields) {
              const v = (value as Record<string, unknown>)[fieldName];
              if (v !== undefined && v !== null) fieldCheck(v, [...path, fieldName], problems);
            }
          };
    this.inputObjects.set(name, check);
    return check;
  }
}

/** A mutation payload holding only user errors: every other field null, or empty when it is a list. */
function refusalPayload(payload: GraphQLObjectType): ((problems: Problem[]) => Record<string, unknown>) | null {
  const fields = payload.getFields();
  if (!fields.userErrors) return null;
  const template: Record<string, unknown> = {};
  for (const field of Object.values(fields)) {
    if (field.name === "userErrors") continue;
    if (!isNonNullType(field.type)) template[field.name] = null;
    else if (isListType(field.type.ofType)) template[field.name] = [];
    else if (getNamedType(field.type).name === "Boolean") template[field.name] = false;
    else return null;
  }
  return (problems) => ({
    ...template,
    userErrors: problems.map((p) => ({ field: p.path.map(String), message: p.message, code: UserErrorCode.INVALID })),
  });
}

function refusalError(problems: Problem[]) {
  return badUserInput(problems.map((p) => p.message).join(" "), problems[0].path.join("."));
}

function guardField(parent: GraphQLObjectType, field: GraphQLField<unknown, unknown>, checks: Checks): void {
  const argChecks: [string, Check][] = [];
  for (const arg of field.args) {
    const coordinate = `${parent.name}.${field.name}(${arg.name})`;
    const bound = STRING_INPUT_BOUNDS[coordinate] ?? (CURSOR_ARGUMENTS.has(arg.name) ? CURSOR : undefined);
    const check = checks.forType(arg.type, coordinate, bound);
    if (check) argChecks.push([arg.name, check]);
  }
  if (argChecks.length === 0) return;
  const problemsIn = (args: Record<string, unknown>): Problem[] => {
    const problems: Problem[] = [];
    for (const [name, check] of argChecks) {
      const value = args[name];
      if (value !== undefined && value !== null) check(value, [name], problems);
    }
    return problems;
  };
  const returned = getNamedType(field.type);
  const payload = parent.name === "Mutation" && isObjectType(returned) ? refusalPayload(returned) : null;
  const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
  field.resolve = (source, args, context, info) => {
    const problems = problemsIn(args as Record<string, unknown>);
    if (problems.length === 0) return resolve(source, args, context, info);
    if (payload) return payload(problems);
    throw refusalError(problems);
  };
  const subscribe = field.subscribe;
  if (subscribe) {
    field.subscribe = (source, args, context, info) => {
      const problems = problemsIn(args as Record<string, unknown>);
      if (problems.length > 0) throw refusalError(problems);
      return subscribe(source, args, context, info);
    };
  }
}

/**
 * Puts the bounds in front of every field that takes text. Throws when a String or ID input has
 * no bound in STRING_INPUT_BOUNDS (or a bound names nothing in the schema), listing them.
 */
export function boundStringInputs(schema: GraphQLSchema): GraphQLSchema {
  const checks = new Checks();
  const coordinates = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    if (isInputObjectType(type)) for (const f of Object.values(type.getFields())) coordinates.add(`${type.name}.${f.name}`);
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      for (const arg of field.args) coordinates.add(`${type.name}.${field.name}(${arg.name})`);
      guardField(type, field, checks);
    }
  }
  const stale = Object.keys(STRING_INPUT_BOUNDS).filter((c) => !coordinates.has(c));
  if (checks.unbounded.length > 0 || stale.length > 0) {
    throw new Error(
      [
        checks.unbounded.length > 0
          ? `String / ID inputs without a length bound: ${[...new Set(checks.unbounded)].join(", ")}.`
          : "",
        stale.length > 0 ? `Bounds for inputs the schema does not have: ${stale.join(", ")}.` : "",
        "Add or remove them in src/graphql/inputBounds.ts.",
      ]
        .filter(Boolean)
        .join(" "),
    );
  }
  return schema;
}
