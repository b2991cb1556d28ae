/**
 * `npm run schema:breaking`: what changed in the API since the last release, and whether a client
 * was warned of every breaking change.
 *
 * It diffs schema/released.graphql (the schema of the last release, replaced at each release) with
 * schema/schema.graphql (the current printed schema; `npm run schema:check` keeps it current) using
 * @graphql-inspector/core, prints every change grouped by criticality, and exits 1 when
 * - a BREAKING change is not listed in CHANGELOG.md: under `## [Unreleased]`, in its
 *   `### Breaking` subsection, a line naming the change's path in backticks, e.g.
 *   "- `Trip.legacyCode` removed; deprecated in 0.2.0 in favour of `Trip.code`.";
 * - a field or enum value was removed without being `@deprecated` in the released schema (it must
 *   be deprecated in one release and removed in a later one, listed or not).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ChangeType, CriticalityLevel, diff, type Change } from "@graphql-inspector/core";

type ChangeKind = (typeof ChangeType)[keyof typeof ChangeType];
import { buildSchema } from "graphql";

export interface SchemaChangeReport {
  changes: Change[];
  /** Why the check fails; empty when it passes. */
  problems: string[];
}

/** The key a change is listed under in the changelog: its path (`Type.field`, `Type.field.arg`, `Enum.VALUE`), else its type. */
export function changeKey(change: Change): string {
  return change.path ?? String(change.type);
}

/**
 * The backticked names in the `### Breaking` subsection of the changelog's `## [Unreleased]`
 * section (`## Unreleased` works too).
 */
export function listedBreakingChanges(changelog: string): Set<string> {
  const listed = new Set<string>();
  let inUnreleased = false;
  let inBreaking = false;
  for (const line of changelog.split(/\r?\n/)) {
    if (/^## /.test(line)) {
      inUnreleased = /^## \[?unreleased\]?/i.test(line);
      inBreaking = false;
    } else if (/^### /.test(line)) {
      inBreaking = inUnreleased && /^### breaking\b/i.test(line);
    } else if (inBreaking) {
      for (const match of line.matchAll(/`([^`]+)`/g)) listed.add(match[1].trim());
    }
  }
  return listed;
}

/** A removal that skipped the deprecation step: the removed field or enum value was not deprecated in the released schema. */
function removedWithoutDeprecation(change: Change): string | null {
  const skipped = isChange(change, ChangeType.FieldRemoved)
    ? !change.meta.isRemovedFieldDeprecated
    : isChange(change, ChangeType.EnumValueRemoved) && !change.meta.isEnumValueDeprecated;
  return skipped
    ? `${change.path} was removed but was not @deprecated in the released schema: deprecate it in a release first, remove it in a later one.`
    : null;
}

/** Narrows a change to one type, so that its `meta` is typed. */
function isChange<T extends ChangeKind>(change: Change, type: T): change is Change<T> {
  return change.type === type;
}

/** The check itself, on SDL strings and the changelog's text. */
export async function checkSchemaChanges(
  releasedSdl: string,
  currentSdl: string,
  changelog: string,
): Promise<SchemaChangeReport> {
  const changes = await diff(buildSchema(releasedSdl), buildSchema(currentSdl));
  const listed = listedBreakingChanges(changelog);
  const problems: string[] = [];
  for (const change of changes) {
    if (change.criticality.level !== CriticalityLevel.Breaking) continue;
    const unwarned = removedWithoutDeprecation(change);
    if (unwarned) problems.push(unwarned);
    if (!listed.has(changeKey(change))) {
      problems.push(
        `Breaking change not in CHANGELOG.md: ${change.message}. List \`${changeKey(change)}\` under "## [Unreleased]" → "### Breaking".`,
      );
    }
  }
  return { changes, problems };
}

const LEVELS = [CriticalityLevel.Breaking, CriticalityLevel.Dangerous, CriticalityLevel.NonBreaking] as const;

/** The report as printed: every change under its criticality, then the problems. */
export function formatReport({ changes, problems }: SchemaChangeReport): string {
  if (changes.length === 0) return "No changes since the released schema.";
  const lines: string[] = [];
  for (const level of LEVELS) {
    const ofLevel = changes.filter((c) => c.criticality.level === level);
    if (ofLevel.length === 0) continue;
    lines.push(`${level} (${ofLevel.length})`);
    for (const change of ofLevel) lines.push(`  ${changeKey(change)}: ${change.message}`);
  }
  lines.push(
    problems.length === 0 ? "OK: every breaking change is listed in CHANGELOG.md." : `FAILED (${problems.length}):`,
    ...problems.map((p) => `  ${p}`),
  );
  return lines.join("\n");
}

async function main(): Promise<void> {
  const root = resolve(fileURLToPath(import.meta.url), "..", "..");
  const read = (file: string) => readFileSync(resolve(root, file), "utf8");
  const report = await checkSchemaChanges(read("schema/released.graphql"), read("schema/schema.graphql"), read("CHANGELOG.md"));
  console.log("Changes from schema/released.graphql to schema/schema.graphql:");
  console.log(formatReport(report));
  if (report.problems.length > 0) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
