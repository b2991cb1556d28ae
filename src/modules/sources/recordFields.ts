/**
 * What every public record shares: a global ID, version, timestamps, provenance, its sources and
 * other systems' identifiers. One base type and one resolver factory, so each domain type gets
 * them the same way.
 */
import { Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root, type ClassType } from "type-graphql";
import type { RecordType } from "../../../db/enums.js";
import type { CitationRow, ExternalIdRow } from "../../data/rows.js";
import type { Context } from "../../graphql/context.js";
import { ProvenanceEnum } from "../../graphql/enums.js";
import { toGlobalId, type NodeTypeName } from "../../graphql/globalId.js";
import { DateTime } from "../../graphql/scalars.js";
import { Source } from "./sourceType.js";

@ObjectType({ simpleResolvers: true, description: "An identifier another system uses for a record." })
export class ExternalId {
  @Field(() => String, { description: 'The issuing system, e.g. "metropolis-registry".' }) scheme!: string;
  @Field(() => String) value!: string;
}

@ObjectType({ simpleResolvers: true })
export abstract class RecordFields {
  @Field(() => ProvenanceEnum, {
    description:
      "SOURCED when the source report states this record; ILLUSTRATIVE when it was invented to make the dataset whole.",
  })
  provenance!: "SOURCED" | "ILLUSTRATIVE";
  @Field(() => Int, { description: "Starts at 1; bumped by every change." }) version!: number;
  @Field(() => DateTime) createdAt!: string;
  @Field(() => DateTime) updatedAt!: string;
}

interface RecordRow {
  id: number;
  publicId: string;
}

/** Resolvers for the shared fields of one record type. */
export function recordResolver(type: ClassType, typeName: NodeTypeName, recordType: RecordType) {
  @Resolver(() => type)
  class SharedRecordFieldsResolver {
    @FieldResolver(() => ID, { description: "Opaque global ID; resolve it with `node`." })
    id(@Root() row: RecordRow): string {
      return toGlobalId(typeName, row.publicId);
    }

    @FieldResolver(() => [Source], {
      description: "The sources that back this record; each source's `locator` says where in it (e.g. a fact number).",
    })
    sources(@Root() row: RecordRow, @Ctx() ctx: Context): Promise<CitationRow[]> {
      return ctx.loaders.citations(recordType).load(row.id);
    }

    @FieldResolver(() => [ExternalId], { description: "Identifiers other systems use for this record." })
    externalIds(@Root() row: RecordRow, @Ctx() ctx: Context): Promise<ExternalIdRow[]> {
      return ctx.loaders.externalIds(recordType).load(row.id);
    }
  }
  Object.defineProperty(SharedRecordFieldsResolver, "name", { value: `${typeName}RecordFieldsResolver` });
  return SharedRecordFieldsResolver;
}
