/**
 * Answers "as of" a moment: `asOf: DateTime` or `asOfVersion: Int` on the root fields that read
 * records (AS_OF_FIELDS). An operation answers as of one moment: the fields that give one must
 * all give the same, and then the whole operation, relations included, reads the data as it stood
 * then (the request's `db` and loaders become the database's as-of view, db/rowVersions.ts).
 * Every answer says which data version it reflects (`extensions.dataVersion`), so a citation can
 * name it and reproduce the answer with `asOfVersion`.
 */
import { MapperKind, mapSchema } from "@graphql-tools/utils";
import {
  getOperationAST,
  GraphQLInt,
  Kind,
  OperationTypeNode,
  valueFromAST,
  type DocumentNode,
  type GraphQLFieldConfigArgumentMap,
  type GraphQLSchema,
} from "graphql";
import { changeSeqAt, lastChangeSeq } from "../data/changeFeed.js";
import { createLoaders } from "../data/loaders.js";
import type { Context } from "./context.js";
import { badUserInput } from "./errors.js";
import { DateTime } from "./scalars.js";

/** The root fields that take `asOf` / `asOfVersion`. (Search reads a full-text index kept for the current data only.) */
export const AS_OF_FIELDS = [
  "node",
  "nodes",
  "cities",
  "events",
  "memberships",
  "organisation",
  "organisations",
  "partnerships",
  "trips",
  "source",
  "footprint",
  "series",
] as const;

const AS_OF_ARGUMENTS: GraphQLFieldConfigArgumentMap = {
  asOf: {
    type: DateTime,
    description:
      "Answer as the data stood at this instant (the last change committed by then). Give `asOf` or `asOfVersion`, not both; every root field of an operation that gives one must give the same.",
  },
  asOfVersion: {
    type: GraphQLInt,
    description:
      "Answer as of this data version (a change-feed sequence number, as `extensions.dataVersion` reports it): records created later are left out, records deleted since are included, relations read as of the same version.",
  },
};

/** The schema with `asOf` and `asOfVersion` on every field of AS_OF_FIELDS. */
export function withAsOfArguments(schema: GraphQLSchema): GraphQLSchema {
  const fields = new Set<string>(AS_OF_FIELDS);
  return mapSchema(schema, {
    [MapperKind.ROOT_FIELD]: (field, name, typeName) =>
      typeName === schema.getQueryType()?.name && fields.has(name)
        ? { ...field, args: { ...field.args, ...AS_OF_ARGUMENTS } }
        : field,
  });
}

interface AsOfRequest {
  asOf?: Date;
  asOfVersion?: number;
}

/** The moment an operation asks to be answered as of, or null for the current data. */
function requestedMoment(
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): AsOfRequest | null {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation !== OperationTypeNode.QUERY) return null;
  const fields = new Set<string>(AS_OF_FIELDS);
  let chosen: { key: string; request: AsOfRequest; field: string } | null = null;
  let without: string | null = null;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || !fields.has(selection.name.value)) continue;
    const request: AsOfRequest = {};
    for (const argument of selection.arguments ?? []) {
      if (argument.name.value === "asOf") {
        // graphql-scalars' DateTime parses to a Date or an ISO string, depending on its version.
        const value = valueFromAST(argument.value, DateTime, variables) as Date | string | null | undefined;
        if (value) request.asOf = new Date(value);
      } else if (argument.name.value === "asOfVersion") {
        const value = valueFromAST(argument.value, GraphQLInt, variables) as number | null | undefined;
        if (value !== null && value !== undefined) request.asOfVersion = value;
      }
    }
    const label = selection.alias?.value ?? selection.name.value;
    if (request.asOf && request.asOfVersion !== undefined)
      throw badUserInput(`\`${label}\`: give \`asOf\` or \`asOfVersion\`, not both.`, "asOfVersion");
    if (!request.asOf && request.asOfVersion === undefined) {
      without ??= label;
      continue;
    }
    const key = request.asOf ? `t:${request.asOf.toISOString()}` : `v:${request.asOfVersion}`;
    if (chosen && chosen.key !== key)
      throw badUserInput(
        `An operation answers as of one moment: \`${chosen.field}\` and \`${label}\` ask for different ones.`,
        request.asOf ? "asOf" : "asOfVersion",
      );
    chosen ??= { key, request, field: label };
  }
  if (chosen && without)
    throw badUserInput(
      `An operation answers as of one moment: \`${chosen.field}\` gives one and \`${without}\` does not; give it to every root field or to none.`,
      "asOf",
    );
  return chosen?.request ?? null;
}

/** A data version before the first change or after the latest is BAD_USER_INPUT (exports check it too). */
export function checkAsOfVersion(seq: number, latest: number): void {
  if (seq < 1) throw badUserInput(`\`asOfVersion\` ${seq} is before the first change (version 1).`, "asOfVersion");
  if (seq > latest)
    throw badUserInput(`\`asOfVersion\` ${seq} is in the future: the latest data version is ${latest}.`, "asOfVersion");
}

/**
 * Sets the request's data version: as of the moment asked for (then `db` and the loaders read as
 * of it), else the last change committed now. A moment before the first change or in the future is
 * BAD_USER_INPUT.
 */
export async function applyAsOf(
  ctx: Context,
  op: { document: DocumentNode; variables: Record<string, unknown> | undefined; operationName: string | undefined },
): Promise<void> {
  const request = requestedMoment(op.document, op.variables, op.operationName);
  const latest = await lastChangeSeq(ctx.db);
  if (!request) {
    ctx.dataVersion = latest;
    return;
  }
  let seq: number;
  if (request.asOfVersion !== undefined) {
    seq = request.asOfVersion;
    checkAsOfVersion(seq, latest);
  } else {
    const at = request.asOf!;
    if (at.getTime() > Date.now()) throw badUserInput(`\`asOf\` ${at.toISOString()} is in the future.`, "asOf");
    const found = await changeSeqAt(ctx.db, at.toISOString());
    if (found === null) throw badUserInput(`\`asOf\` ${at.toISOString()} is before the first change.`, "asOf");
    seq = found;
  }
  ctx.dataVersion = seq;
  // Even at the latest version: its cursors must say which version they page.
  ctx.db = ctx.database.asOf(seq);
  ctx.loaders = createLoaders(ctx.db, ctx.checkDeadline);
}
