/**
 * What every public record shares: a global ID, version, timestamps, provenance (its status and
 * its citations, field by field), and other systems' identifiers. One base type and one resolver
 * factory, so each domain type gets them the same way.
 */
import { Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root, type ClassType } from "type-graphql";
import type { Provenance, RecordType } from "../../../db/enums.js";
import type { CitationRow, ExternalIdRow } from "../../data/rows.js";
import type { Context } from "../../graphql/context.js";
import { ProvenanceEnum } from "../../graphql/enums.js";
import { toGlobalId, type NodeTypeName } from "../../graphql/globalId.js";
import { DateTime } from "../../graphql/scalars.js";
import { RECORD_FIELDS, graphqlFieldNames, type CitedRecordType } from "../../lib/recordFields.js";
import { Citation, Source } from "./sourceType.js";

@ObjectType({ simpleResolvers: true, description: "An identifier another system uses for a record." })
export class ExternalId {
  @Field(() => String, { description: 'The issuing system, e.g. "metropolis-registry".' }) scheme!: string;
  @Field(() => String) value!: string;
}

@ObjectType({ simpleResolvers: true })
export abstract class RecordFields {
  @Field(() => ProvenanceEnum, {
    description:
      "The record's status, derived from its citations: SOURCED when they back every field it states, PARTLY_SOURCED when they back some (`sourcedFields`, `unsourcedFields`), ILLUSTRATIVE when none (invented to make the dataset whole).",
  })
  provenance!: Provenance;
  @Field(() => Int, { description: "Starts at 1; bumped by every change." }) version!: number;
  @Field(() => DateTime) createdAt!: string;
  @Field(() => DateTime) updatedAt!: string;
}

interface RecordRow {
  id: number;
  publicId: string;
  provenance: Provenance;
}

/** A citation's GraphQL fields; `all` for a citation of the whole record (stored fields null). */
function citedFields(type: CitedRecordType, row: CitationRow, all: string[]): string[] {
  return row.citedFields ? graphqlFieldNames(type, row.citedFields) : all;
}

/**
 * Whether the record's row gives a GraphQL field a value: the field's own column or the columns
 * storing it (`partner` as `partnerCityId`, `title` as `titleFa` / `titleEn`, `cost` as `costMinor`).
 * A field stored elsewhere (a trip's destinations, events) counts as given.
 */
function givenOnRow(record: Readonly<Record<string, unknown>>, field: string): boolean {
  const columns = storageCandidates(field).filter((column) => column in record);
  if (columns.length === 0) return true;
  return columns.some((column) => {
    const value = record[column];
    return value !== null && value !== undefined && value !== "" && !(Array.isArray(value) && value.length === 0);
  });
}

const STORAGE_SUFFIXES = ["", "Id", "CityId", "OrganisationId", "Fa", "En", "Minor", "Outcome"];
// Built once per field and type, not for every record: a list page or an export asks for thousands.
const candidates = new Map<string, string[]>();
function storageCandidates(field: string): string[] {
  let found = candidates.get(field);
  if (!found) candidates.set(field, (found = STORAGE_SUFFIXES.map((suffix) => field + suffix)));
  return found;
}
const fieldsOfType = new Map<CitedRecordType, string[]>();

type Provenances = { citations: Citation[]; sourced: string[]; unsourced: string[] };
/**
 * A record's provenance, by its row, for the citation list it was worked out from: `citations`,
 * `sourcedFields` and `unsourcedFields` each ask for it, and the loader gives all three the same
 * list. Weak, so it lives as long as the request's rows.
 */
const worked = new WeakMap<RecordRow, { type: CitedRecordType; rows: readonly CitationRow[]; result: Provenances }>();

/** Which of a record's GraphQL fields its citations back, and which no source backs. */
export function fieldProvenance(type: CitedRecordType, record: RecordRow, rows: readonly CitationRow[]): Provenances {
  const known = worked.get(record);
  if (known && known.type === type && known.rows === rows) return known.result;
  const result = workOutProvenance(type, record, rows);
  worked.set(record, { type, rows, result });
  return result;
}

function workOutProvenance(type: CitedRecordType, record: RecordRow, rows: readonly CitationRow[]): Provenances {
  let all = fieldsOfType.get(type);
  if (!all) fieldsOfType.set(type, (all = [...new Set(Object.values(RECORD_FIELDS[type]))]));
  // A citation of the whole record (an API write: the writer's data entry or partner system)
  // backs the fields the record has; for a record its writer declared ILLUSTRATIVE, none.
  const given = all.filter((f) => givenOnRow(record as unknown as Record<string, unknown>, f));
  const wholeRecord = record.provenance === "ILLUSTRATIVE" ? [] : given;
  const citations: Citation[] = [];
  const unbacked = new Set<string>();
  for (const row of rows) {
    if (row.provenance === "ILLUSTRATIVE") {
      // The dataset's illustrative source is cited for the stated fields no source backs.
      for (const f of citedFields(type, row, all)) unbacked.add(f);
      continue;
    }
    const { citedAt, citedFields: _stored, statedOtherwise, ...source } = row;
    citations.push({
      source: source as unknown as Source,
      fact: citedAt,
      fields: citedFields(type, row, wholeRecord),
      statedOtherwise: Object.entries(statedOtherwise ?? {}).map(([field, value]) => ({
        field: graphqlFieldNames(type, [field])[0] ?? field,
        value,
      })),
    });
  }
  if (record.provenance === "ILLUSTRATIVE" && citations.every((c) => c.fields.length === 0) && unbacked.size === 0)
    for (const f of given) unbacked.add(f);
  const backed = new Set(citations.flatMap((c) => c.fields));
  return {
    citations,
    sourced: all.filter((f) => backed.has(f) && !unbacked.has(f)),
    unsourced: all.filter((f) => unbacked.has(f)),
  };
}

/** Resolvers for the shared fields of one record type. */
export function recordResolver(type: ClassType, typeName: NodeTypeName & CitedRecordType, recordType: RecordType) {
  const cited: CitedRecordType = typeName;
  @Resolver(() => type)
  class SharedRecordFieldsResolver {
    @FieldResolver(() => ID, { description: "Opaque global ID; resolve it with `node`." })
    id(@Root() row: RecordRow): string {
      return toGlobalId(typeName, row.publicId);
    }

    @FieldResolver(() => [Source], {
      description: "The sources that back this record; each source's `locator` says where in it (e.g. a fact number).",
      deprecationReason:
        "Use `citations`: each names its source, the fact and the fields it backs. `sources` also lists the dataset's illustrative-data source, which backs nothing.",
    })
    sources(@Root() row: RecordRow, @Ctx() ctx: Context): Promise<CitationRow[]> {
      return ctx.loaders.citations(recordType).load(row.id);
    }

    @FieldResolver(() => [Citation], {
      description:
        "What backs this record, field by field: each citation names a source, the fact in it and the fields of this record it states. Empty for an ILLUSTRATIVE record. To cite the record itself, give its `id` with these citations.",
    })
    async citations(@Root() row: RecordRow, @Ctx() ctx: Context): Promise<Citation[]> {
      return fieldProvenance(cited, row, await ctx.loaders.citations(recordType).load(row.id)).citations;
    }

    @FieldResolver(() => [String], {
      description:
        "The fields this record states that some citation backs (GraphQL field names of this type). All of its stated fields when SOURCED, none when ILLUSTRATIVE.",
    })
    async sourcedFields(@Root() row: RecordRow, @Ctx() ctx: Context): Promise<string[]> {
      return fieldProvenance(cited, row, await ctx.loaders.citations(recordType).load(row.id)).sourced;
    }

    @FieldResolver(() => [String], {
      description:
        "The fields this record states that no citation backs: illustrative values, never to be shown as fact. Empty when SOURCED. A field neither here nor in `sourcedFields` is one the record does not state (null or empty).",
    })
    async unsourcedFields(@Root() row: RecordRow, @Ctx() ctx: Context): Promise<string[]> {
      return fieldProvenance(cited, row, await ctx.loaders.citations(recordType).load(row.id)).unsourced;
    }

    @FieldResolver(() => [ExternalId], { description: "Identifiers other systems use for this record." })
    externalIds(@Root() row: RecordRow, @Ctx() ctx: Context): Promise<ExternalIdRow[]> {
      return ctx.loaders.externalIds(recordType).load(row.id);
    }
  }
  Object.defineProperty(SharedRecordFieldsResolver, "name", { value: `${typeName}RecordFieldsResolver` });
  return SharedRecordFieldsResolver;
}
