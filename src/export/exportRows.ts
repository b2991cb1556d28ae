/**
 * Reads an exported table's rows by paging its GraphQL list, so that an export takes the very
 * filter its connection takes, checked by the same coercion and resolvers (a bad filter fails with
 * the message GraphQL gives), in the connection's stable order, with the fields' own meanings
 * (bilingual names, Jalali twins, provenance). Every page reads as of one data version, fixed when
 * the export starts: a write during a long export changes none of its rows, and the version names
 * the file. Each page gets a fresh context (its own loaders and deadline), so memory stays flat
 * however long the table, and a consumer that stops iterating stops the reading.
 */
import { execute, GraphQLError, isEnumType, parse, validate, type DocumentNode, type GraphQLSchema } from "graphql";
import { lastChangeSeq } from "../data/changeFeed.js";
import { coverageForExport, reportedFiguresForExport, sourcesForExport } from "../data/exports.js";
import { applyAsOf, checkAsOfVersion } from "../graphql/asOf.js";
import type { Context } from "../graphql/context.js";
import { EXPORT_PAGE_SIZE } from "../graphql/connection.js";
import { badUserInput } from "../graphql/errors.js";
import { toGlobalId } from "../graphql/globalId.js";
import { jalaliDateOf } from "../graphql/jalaliDate.js";
import { ErrorCode } from "../lib/errorCodes.js";
import type { ConnectionSource, ExportTable, Node } from "./exportTables.js";

export type ExportRow = Record<string, unknown>;

/** Why an export could not start: the GraphQL errors a client would have got, to answer with a 4xx. */
export class ExportRefused extends Error {
  override name = "ExportRefused";
  constructor(readonly errors: readonly GraphQLError[]) {
    super(errors.map((e) => e.message).join(" "));
  }
}

export interface ExportRequest {
  schema: GraphQLSchema;
  /** A fresh context for each page (the caller's viewer, language and deadline). */
  context: () => Context;
  table: ExportTable;
  /** The connection's filter, as GraphQL takes it (already parsed from JSON). */
  filter?: unknown;
  /** Read as of this data version; the latest when absent. */
  asOfVersion?: number;
}

export interface ExportRun {
  table: ExportTable;
  /** The data version every row reflects (the change feed's sequence number). */
  version: number;
  rows: AsyncIterable<ExportRow>;
}

const documents = new WeakMap<ConnectionSource, DocumentNode>();

function documentFor(schema: GraphQLSchema, table: ExportTable, source: ConnectionSource): DocumentNode {
  const cached = documents.get(source);
  if (cached) return cached;
  const { field, filterType, selection } = source;
  const document = parse(`query Export($filter: ${filterType}, $after: String, $asOfVersion: Int) {
    page: ${field}(first: ${EXPORT_PAGE_SIZE}, after: $after, filter: $filter, asOfVersion: $asOfVersion) {
      pageInfo { hasNextPage endCursor }
      nodes { ${selection} }
    }
  }`);
  const invalid = validate(schema, document);
  // A spec that does not match the schema is a bug here, not the client's.
  if (invalid.length > 0) throw new Error(`export ${table.name}: ${invalid.map((e) => e.message).join("; ")}`);
  documents.set(source, document);
  return document;
}

/** The table's row values for one node: one row, or one per item of a child table. */
function rowsOf(table: ExportTable, source: ConnectionSource | null, node: Node): ExportRow[] {
  const items = source?.items ? source.items(node) : [node];
  return items.map((item) => {
    const row: ExportRow = {};
    for (const column of table.columns) {
      const value = column.value(node, item) ?? null;
      // DateTime fields execute to Date objects (JSON would write them as ISO strings, CSV would not).
      row[column.name] = value instanceof Date ? value.toISOString() : value;
    }
    return row;
  });
}

/** A GraphQL error as a client gets it: a variable that fails coercion is the client's input. */
function asClientError(error: GraphQLError): GraphQLError {
  const code = error.extensions?.code;
  if (code) return error;
  if (error.path === undefined) return new GraphQLError(error.message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
  return error;
}

type Page = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Node[] };

async function page(
  request: ExportRequest,
  document: DocumentNode,
  filter: unknown,
  version: number,
  after: string | null,
): Promise<Page> {
  const ctx = request.context();
  ctx.maxPageSize = EXPORT_PAGE_SIZE;
  const variables = { filter: filter ?? null, after, asOfVersion: version };
  await applyAsOf(ctx, { document, variables, operationName: "Export" });
  const result = await execute({ schema: request.schema, document, variableValues: variables, contextValue: ctx });
  if (result.errors?.length) throw new ExportRefused(result.errors.map(asClientError));
  return (result.data as { page: Page }).page;
}

/** A started part: its document, filter and first page (read when the export starts, to refuse a bad filter at once). */
interface StartedPart {
  source: ConnectionSource;
  document: DocumentNode;
  filter: unknown;
  first: Page | null;
}

async function* connectionRows(request: ExportRequest, version: number, parts: StartedPart[]): AsyncGenerator<ExportRow> {
  for (const part of parts) {
    let current = part.first ?? (await page(request, part.document, part.filter, version, null));
    for (;;) {
      for (const node of current.nodes) yield* rowsOf(request.table, part.source, node);
      if (!current.pageInfo.hasNextPage) break;
      current = await page(request, part.document, part.filter, version, current.pageInfo.endCursor);
    }
  }
}

/** Data-layer rows of the whole tables, shaped as the specs read them (global IDs, no integer keys). */
async function wholeNodes(request: ExportRequest, version: number): Promise<Node[]> {
  const ctx = request.context();
  const db = ctx.database.asOf(version);
  if (request.table.from.kind !== "whole") return [];
  if (request.table.from.table === "sources")
    return (await sourcesForExport(db)).map((s) => ({ ...s, id: toGlobalId("Source", s.publicId) }));
  if (request.table.from.table === "coverage")
    return (await coverageForExport(db)).map((c) => ({
      ...c,
      city: { id: toGlobalId("City", c.cityPublicId), slug: c.citySlug },
      fromJalali: jalaliDateOf(c.periodFrom),
      toJalali: jalaliDateOf(c.periodTo),
      sourceId: toGlobalId("Source", c.sourcePublicId),
    }));
  return (await reportedFiguresForExport(db)).map((f) => ({
    ...f,
    id: f.publicId,
    city: { id: toGlobalId("City", f.cityPublicId), slug: f.citySlug },
    sourceId: toGlobalId("Source", f.sourcePublicId),
  }));
}

/**
 * Starts an export: fixes its data version and reads the first page, so that a bad filter or
 * version is refused (ExportRefused) before the caller has written anything.
 */
export async function startExport(request: ExportRequest): Promise<ExportRun> {
  const { table } = request;
  const latest = await lastChangeSeq(request.context().db);
  const version = request.asOfVersion ?? latest;
  try {
    checkAsOfVersion(version, latest);
  } catch (error) {
    throw new ExportRefused([error as GraphQLError]);
  }
  const takesFilter = table.from.kind === "connection";
  if (!takesFilter && request.filter !== undefined && request.filter !== null)
    throw new ExportRefused([badUserInput(`The ${table.name} table takes no filter: it is exported whole.`, "filter")]);
  if (table.from.kind === "whole") {
    const nodes = await wholeNodes(request, version);
    async function* wholeRows() {
      for (const node of nodes) yield* rowsOf(table, null, node);
    }
    return { table, version, rows: wholeRows() };
  }
  const sources = table.from.kind === "connection" ? [table.from] : table.from.parts;
  const parts: StartedPart[] = sources.map((source, i) => ({
    source,
    document: documentFor(request.schema, table, source),
    filter: i === 0 && takesFilter ? request.filter : null,
    first: null,
  }));
  parts[0].first = await page(request, parts[0].document, parts[0].filter, version, null);
  return { table, version, rows: connectionRows(request, version, parts) };
}

/** The values a column of `enumType` may take, from the schema (one list for the API and the files). */
export function enumValues(schema: GraphQLSchema, enumType: string): string[] {
  const type = schema.getType(enumType);
  if (!isEnumType(type)) throw new Error(`${enumType} is not an enum of the schema`);
  return type.getValues().map((v) => v.name);
}
