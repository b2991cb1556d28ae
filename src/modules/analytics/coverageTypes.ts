import { Ctx, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from "type-graphql";
import type { CoverageRow, SourceRow } from "../../data/rows.js";
import type { Context } from "../../graphql/context.js";
import { enumOf } from "../../graphql/enums.js";
import { JalaliDate, jalaliDateOf } from "../../graphql/jalaliDate.js";
import { LocalDate } from "../../graphql/scalars.js";
import type { CoverageSummary } from "../../lib/coverage.js";
import { Source } from "../sources/sourceType.js";

export const COVERAGE_SUMMARY_STATUSES = ["COMPLETE", "PARTIAL", "NOT_PUBLISHED", "UNKNOWN"] as const;
export const CoverageStatusEnum = enumOf(
  COVERAGE_SUMMARY_STATUSES,
  "CoverageStatus",
  "How complete a city's records are for some days, as a source states it. COMPLETE: every record of those days is in; PARTIAL: some are (or the days mix statuses); NOT_PUBLISHED: the records of those days are not published yet; UNKNOWN: no source says (so a 0 there is not known to be a 0).",
);
export const StatedCoverageEnum = enumOf(
  ["COMPLETE", "PARTIAL", "NOT_PUBLISHED"] as const,
  "StatedCoverage",
  "What a coverage statement says of its days: COMPLETE, PARTIAL or NOT_PUBLISHED (see CoverageStatus).",
);

@ObjectType({
  simpleResolvers: true,
  description: "A source's statement of how complete a city's records are for a stretch of days (inclusive).",
})
export class CoverageStatement {
  @Field(() => StatedCoverageEnum) status!: string;
  @Field(() => String, { nullable: true, description: 'Where in the source: a fact number such as "F1".' }) locator!:
    string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'How much of a period the city\'s coverage statements cover, in days: a chart draws UNKNOWN days as "no data", not as 0.',
})
export class PeriodCoverage {
  @Field(() => CoverageStatusEnum, {
    description: "The status every day of the period shares, else PARTIAL; UNKNOWN when no statement covers any day.",
  })
  status!: string;
  @Field(() => Int) days!: number;
  @Field(() => Int) completeDays!: number;
  @Field(() => Int) partialDays!: number;
  @Field(() => Int) notPublishedDays!: number;
  @Field(() => Int, { description: "Days no statement covers." }) unknownDays!: number;
  @Field(() => Float, { description: "completeDays / days (0 for an empty period)." }) completeShare!: number;
  @Field(() => [CoverageStatement], { description: "The statements that overlap the period, earliest first." })
  statements!: CoverageRow[];
}

export function periodCoverage(summary: CoverageSummary, statements: CoverageRow[]): PeriodCoverage {
  return { ...summary, completeShare: summary.days > 0 ? summary.completeDays / summary.days : 0, statements };
}

@Resolver(() => CoverageStatement)
export class CoverageStatementResolver {
  @FieldResolver(() => LocalDate)
  from(@Root() row: CoverageRow): string {
    return row.periodFrom;
  }

  @FieldResolver(() => LocalDate)
  to(@Root() row: CoverageRow): string {
    return row.periodTo;
  }

  @FieldResolver(() => JalaliDate)
  fromJalali(@Root() row: CoverageRow): JalaliDate {
    return jalaliDateOf(row.periodFrom) as JalaliDate;
  }

  @FieldResolver(() => JalaliDate)
  toJalali(@Root() row: CoverageRow): JalaliDate {
    return jalaliDateOf(row.periodTo) as JalaliDate;
  }

  @FieldResolver(() => Source, { description: "The source that states it." })
  async source(@Root() row: CoverageRow, @Ctx() ctx: Context): Promise<SourceRow> {
    return (await ctx.loaders.source.load(row.sourceId)) as SourceRow;
  }
}
