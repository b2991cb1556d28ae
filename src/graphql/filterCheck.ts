/**
 * The one check every filter's values go through, so that a mistyped value is refused instead of
 * answering with a silently empty list ("no trips" must never mean "you typed it wrong"):
 *
 * - a country code must be an ISO 3166-1 alpha-2 code (one of the `countries` table, which holds
 *   the whole ISO list; a real country with no records is fine);
 * - a city or organisation named by slug or ID must exist;
 * - periods are checked by `periodArg` (src/graphql/period.ts), which refuses a Gregorian year
 *   given as `jalaliYear` and a Jalali date given as `from` / `to`.
 *
 * A field's builder registers its values while it turns its filter into criteria, then `verify`
 * asks the database about all of them in one statement (shared by every parent of a nested list
 * that asks with the same values) and refuses the first unknown one with BAD_USER_INPUT, naming
 * the value and the argument path.
 */
import type { EntityRef } from "../data/conditions.js";
import type { CitesCriteria } from "../data/sources.js";
import { knownReferences } from "../data/references.js";
import { checkCitedSource } from "./cites.js";
import type { Context } from "./context.js";
import { badUserInput } from "./errors.js";
import type { NodeTypeName } from "./globalId.js";
import { entityRef } from "./refs.js";

type Kind = "city" | "organisation" | "country";

interface Named {
  kind: Kind;
  value: string;
  argument: string;
  ref: EntityRef;
}

const ISO_ALPHA_2 = /^[A-Za-z]{2}$/;

const LABEL: Record<Kind, string> = { city: "city", organisation: "organisation", country: "country" };

/** The error for a value that names nothing: the same code and wording wherever it is refused. */
export function unknownValue(kind: Kind, value: string, argument: string): Error {
  const message =
    kind === "country"
      ? `\`${argument}\`: "${value}" is not an ISO 3166-1 alpha-2 country code (such as "IR" or "TJ").`
      : `\`${argument}\`: no ${LABEL[kind]} has the ID or slug "${value}".`;
  return badUserInput(message, argument);
}

const verified = new WeakMap<Context, Map<string, Promise<void>>>();

export class FilterCheck {
  private readonly named: Named[] = [];

  /** City or organisation references by global ID or slug; a wrong-type ID is refused at once. */
  refs(values: readonly string[] | null | undefined, type: "City" | "Organisation", argument: string): EntityRef[] | undefined {
    if (!values) return undefined;
    const kind: Kind = type === "City" ? "city" : "organisation";
    return values.map((value) => {
      const ref = entityRef(value, type satisfies NodeTypeName, argument);
      this.named.push({ kind, value, argument, ref });
      return ref;
    });
  }

  /** ISO 3166-1 alpha-2 codes, in any case; anything else is refused. */
  countries(values: readonly string[] | null | undefined, argument: string): string[] | undefined {
    if (!values) return undefined;
    return values.map((value) => {
      if (!ISO_ALPHA_2.test(value)) throw unknownValue("country", value, argument);
      const code = value.toUpperCase();
      this.named.push({ kind: "country", value, argument, ref: { slug: code } });
      return code;
    });
  }

  /** Refuses the first value that names nothing; one statement, none when nothing was named. */
  async verify(ctx: Context): Promise<void> {
    if (this.named.length === 0) return;
    const key = JSON.stringify(this.named.map((n) => [n.kind, n.ref]));
    let cache = verified.get(ctx);
    if (!cache) verified.set(ctx, (cache = new Map<string, Promise<void>>()));
    let pending = cache.get(key);
    if (!pending) {
      pending = this.lookUp(ctx);
      cache.set(key, pending);
    }
    await pending;
  }

  private async lookUp(ctx: Context): Promise<void> {
    const of = (kind: Kind) => this.named.filter((n) => n.kind === kind).map((n) => n.ref);
    ctx.checkDeadline();
    const known = await knownReferences(ctx.db, {
      cities: of("city"),
      organisations: of("organisation"),
      countries: of("country").map((r) => ("slug" in r ? r.slug : r.publicId)),
    });
    for (const n of this.named) {
      const exists =
        n.kind === "city"
          ? known.city(n.ref)
          : n.kind === "organisation"
            ? known.organisation(n.ref)
            : known.country("slug" in n.ref ? n.ref.slug : "");
      if (!exists) throw unknownValue(n.kind, n.value, n.argument);
    }
  }
}

/** Builds a field's criteria with its values checked: `await checkedCriteria(ctx, (check) => tripCriteria(check, filter))`. */
export async function checkedCriteria<Criteria>(ctx: Context, build: (check: FilterCheck) => Criteria): Promise<Criteria> {
  const check = new FilterCheck();
  const criteria = build(check);
  await check.verify(ctx);
  // A `cites` filter names a source that must exist, like every other reference a filter makes.
  await checkCitedSource(ctx, criteria as { cites?: CitesCriteria | null });
  return criteria;
}
