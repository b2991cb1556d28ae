import { Field, InputType, Int } from "type-graphql";
import { PeriodError, resolvePeriod, type ResolvedPeriod } from "../lib/period.js";
import { badUserInput } from "./errors.js";
import { LocalDate } from "./scalars.js";

@InputType({
  description:
    "An inclusive period, given either as ISO dates (`from`, `to`; either may be left open) or as Jalali parts (`jalaliYear` with optional `jalaliMonthFrom` / `jalaliMonthTo`, default 1 and 12, and `jalaliYearTo` for a span over the Jalali new year: Dey 1401 .. Khordad 1402 is `{ jalaliYear: 1401, jalaliMonthFrom: 10, jalaliYearTo: 1402, jalaliMonthTo: 3 }`). A Jalali period covers whole months: from the 1st of the first month to the last day of the last (29 or 30 Esfand in common and leap years). Mixing the two forms, or a range that runs backwards, is a BAD_USER_INPUT error; so is a date before 1700 (it looks Jalali: use `jalaliYear`) and a Jalali year outside 1078..1500 (2022 looks Gregorian: give dates).",
})
export class PeriodInput {
  @Field(() => LocalDate, { nullable: true }) from?: string;
  @Field(() => LocalDate, { nullable: true }) to?: string;
  @Field(() => Int, { nullable: true, description: "A Jalali year, e.g. 1401 (2022-03-21 .. 2023-03-20)." }) jalaliYear?: number;
  @Field(() => Int, { nullable: true, description: "1 (Farvardin) .. 12 (Esfand)." }) jalaliMonthFrom?: number;
  @Field(() => Int, {
    nullable: true,
    description: "The Jalali year `jalaliMonthTo` belongs to, for a period over the Jalali new year (default: `jalaliYear`).",
  })
  jalaliYearTo?: number;
  @Field(() => Int, { nullable: true, description: "1 (Farvardin) .. 12 (Esfand)." }) jalaliMonthTo?: number;
}

/** The period an argument names, or a BAD_USER_INPUT error that says what is wrong with it. */
export function periodArg(input: PeriodInput | null | undefined, argument = "period"): ResolvedPeriod | undefined {
  if (!input) return undefined;
  try {
    return resolvePeriod(input);
  } catch (error) {
    if (error instanceof PeriodError)
      throw badUserInput(error.message, error.field === "period" ? argument : `${argument}.${error.field}`);
    throw error;
  }
}
