import { Arg, Field, FieldResolver, Int, ObjectType, Resolver, Root } from "type-graphql";
import { jalaliIso, jalaliMonthName, toJalali } from "../lib/jalali.js";
import type { Lang } from "./context.js";
import { LangEnum } from "./enums.js";

@ObjectType({ simpleResolvers: true, description: "A date in the Jalali (Solar Hijri) calendar, Iran's official calendar." })
export class JalaliDate {
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: "1 (Farvardin) .. 12 (Esfand)." }) month!: number;
  @Field(() => Int) day!: number;
  @Field(() => String, { description: 'Zero-padded, e.g. "1401-06-01".' }) iso!: string;
}

/** The Jalali form of an ISO calendar date; null in, null out. */
export function jalaliDateOf(isoDate: string | null | undefined): JalaliDate | null {
  if (!isoDate) return null;
  const parts = toJalali(isoDate);
  return { ...parts, iso: jalaliIso(parts) };
}

@Resolver(() => JalaliDate)
export class JalaliDateResolver {
  @FieldResolver(() => String, { description: "The month's name, e.g. شهریور / Shahrivar." })
  monthName(@Root() date: JalaliDate, @Arg("lang", () => LangEnum, { defaultValue: "FA" }) lang: Lang): string {
    return jalaliMonthName(date.month, lang === "FA" ? "fa" : "en");
  }
}
