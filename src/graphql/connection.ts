/**
 * Relay connections: the generic types, the validation of paging arguments, and the mapping from
 * a data-layer page to a connection. Every list field pages through here.
 */
import { ArgsType, Field, Int, ObjectType, type ClassType } from "type-graphql";
import {
  countRows,
  CursorError,
  paginate,
  type ListSpec,
  type Page,
  type PageArgs,
  type ParentLink,
} from "../data/pagination.js";
import type { Context } from "./context.js";
import { badUserInput } from "./errors.js";

export const MAX_PAGE_SIZE = 100;
/**
 * The page size of an export (src/export/exportRows.ts), which pages whole tables through the same
 * connections: each page pays a fixed cost (its list statement, one statement per relation, a
 * GraphQL execution), so a page ten times a client's holds the export's statements to a tenth.
 * Only a context with `maxPageSize` takes it; a client's `first` stays within MAX_PAGE_SIZE.
 */
export const EXPORT_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ simpleResolvers: true, description: "Where a page sits in its list." })
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean, { description: "Known when paging backwards, or forwards from a cursor; otherwise false." })
  hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export interface EdgeShape<Row> {
  cursor: string;
  node: Row;
}

export interface ConnectionShape<Row> {
  edges: EdgeShape<Row>[];
  nodes: Row[];
  pageInfo: PageInfo;
  /** A getter, so the count runs only when the client asks for it. */
  readonly totalCount: Promise<number>;
}

/** Builds `<Name>Connection` and `<Name>Edge` for a node type. */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field(() => String, { description: "Opaque; pass to `after` / `before`." }) cursor!: string;
    @Field(() => nodeType) node!: T;
  }

  @ObjectType({ simpleResolvers: true })
  abstract class ConnectionType {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => [nodeType], { description: "The nodes of `edges`, for clients that need no cursors." }) nodes!: T[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { description: "How many items match the filter, in all pages." }) totalCount!: number;
  }
  return ConnectionType;
}

@ArgsType()
export class ForwardPageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1..${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  first?: number;
  @Field(() => String, { nullable: true, description: "Return items after this cursor." })
  after?: string;
}

@ArgsType()
export class PageArgsInput extends ForwardPageArgs {
  @Field(() => Int, { nullable: true, description: `Page size from the end, 1..${MAX_PAGE_SIZE}.` })
  last?: number;
  @Field(() => String, { nullable: true, description: "Return items before this cursor." })
  before?: string;
}

function checkSize(name: "first" | "last", value: number | undefined | null, max: number): void {
  if (value === undefined || value === null) return;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw badUserInput(`\`${name}\` must be between 1 and ${max}; got ${value}.`, name);
  }
}

/** Validated paging arguments; a bad size or a mix of `first` and `last` is a BAD_USER_INPUT error. */
export function pageArgs(args: Partial<PageArgsInput>, maxPageSize = MAX_PAGE_SIZE): PageArgs {
  checkSize("first", args.first, maxPageSize);
  checkSize("last", args.last, maxPageSize);
  const hasFirst = args.first !== undefined && args.first !== null;
  const hasLast = args.last !== undefined && args.last !== null;
  if (hasFirst && hasLast) throw badUserInput("Give `first` or `last`, not both.", "last");
  const out: PageArgs = {};
  if (hasLast) out.last = args.last;
  else out.first = hasFirst ? args.first : DEFAULT_PAGE_SIZE;
  if (args.after) out.after = args.after;
  if (args.before) out.before = args.before;
  return out;
}

export function toConnection<Row>(page: Page<Row>, totalCount: () => Promise<number>): ConnectionShape<Row> {
  let counted: Promise<number> | undefined;
  return {
    get totalCount() {
      return (counted ??= totalCount());
    },
    edges: page.rows.map((node, i) => ({ node, cursor: page.cursors[i] })),
    nodes: page.rows,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.cursors[0] ?? null,
      endCursor: page.cursors[page.cursors.length - 1] ?? null,
    },
  };
}

async function mapCursorErrors<T>(work: () => Promise<T>, argument: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CursorError) throw badUserInput(error.message, argument);
    throw error;
  }
}

/** A root list field: one statement for the page, one more only if `totalCount` is asked for. */
export async function listConnection<Row extends { id: number }>(
  ctx: Context,
  spec: ListSpec<Row>,
  args: Partial<PageArgsInput>,
): Promise<ConnectionShape<Row>> {
  const paging = pageArgs(args, ctx.maxPageSize);
  ctx.checkDeadline();
  const page = await mapCursorErrors(() => paginate(ctx.db, spec, paging), paging.before ? "before" : "after");
  return toConnection(page, async () => {
    ctx.checkDeadline();
    return countRows(ctx.db, spec.table, spec.where);
  });
}

/**
 * A list field under a parent (City.memberships, Organisation.trips ...). Parents that ask for the
 * same field with the same arguments share one statement, whatever their number.
 */
export async function nestedConnection<Row extends { id: number }>(
  ctx: Context,
  field: string,
  spec: ListSpec<Row>,
  link: ParentLink,
  parentId: number,
  args: Partial<PageArgsInput> & { filter?: unknown; orderBy?: unknown },
): Promise<ConnectionShape<Row>> {
  const paging = pageArgs(args);
  const loader = ctx.loaders.nestedList(`${field}:${JSON.stringify(args)}`, spec, link, paging);
  const page = await mapCursorErrors(() => loader.page.load(parentId), paging.before ? "before" : "after");
  return toConnection(page, () => loader.count.load(parentId));
}
