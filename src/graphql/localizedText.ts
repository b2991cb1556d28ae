import { Arg, Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from "type-graphql";
import type { Context, Lang } from "./context.js";
import { LangEnum } from "./enums.js";

@ObjectType({ simpleResolvers: true, description: "A text in Persian and English; either may be missing." })
export class LocalizedText {
  @Field(() => String, { nullable: true, description: "Persian." })
  fa!: string | null;

  @Field(() => String, { nullable: true, description: "English." })
  en!: string | null;
}

/** An empty string is a missing text, so `text(lang)` falls back to the other language. */
export function localized(fa: string | null | undefined, en: string | null | undefined): LocalizedText {
  return { fa: fa || null, en: en || null };
}

export function pickText(text: LocalizedText, lang: Lang): string | null {
  return lang === "FA" ? (text.fa ?? text.en) : (text.en ?? text.fa);
}

@Resolver(() => LocalizedText)
export class LocalizedTextResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The text in `lang`, falling back to the other language when missing. Without `lang`, the request's Accept-Language decides (English when it names neither).",
  })
  text(
    @Root() text: LocalizedText,
    @Ctx() ctx: Context,
    @Arg("lang", () => LangEnum, { nullable: true }) lang?: Lang,
  ): string | null {
    return pickText(text, lang ?? ctx.lang);
  }
}
