import { FieldResolver, ID, Resolver, Root } from "type-graphql";
import type { CitationRow, SourceRow } from "../../data/rows.js";
import { toGlobalId } from "../../graphql/globalId.js";
import { Source } from "./sourceType.js";

@Resolver(() => Source)
export class SourceResolver {
  @FieldResolver(() => ID)
  id(@Root() source: SourceRow): string {
    return toGlobalId("Source", source.publicId);
  }

  @FieldResolver(() => String, { nullable: true })
  locator(@Root() source: SourceRow | CitationRow): string | null {
    return ("citedAt" in source && source.citedAt) || source.locator;
  }
}
