import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkSchemaChanges, formatReport, listedBreakingChanges } from "../scripts/schema-breaking.js";

const RELEASED = `
  type Query { country(code: String!): Country }
  type Country {
    code: String!
    name: String
    isoName: String @deprecated(reason: "Use name.")
    region: Region
  }
  enum Region { ASIA EUROPE OLD @deprecated(reason: "Gone.") }
`;

/** A changelog whose Unreleased section lists the given paths under Breaking. */
function changelog(...breaking: string[]): string {
  return [
    "# Changelog",
    "",
    "## [Unreleased]",
    "",
    "### Breaking",
    "",
    ...breaking.map((path) => `- \`${path}\` removed (deprecated in 0.1.0).`),
    "",
    "### Added",
    "",
    "- `Country.flag`.",
    "",
    "## [0.1.0] - 2026-12-01",
    "",
    "### Breaking",
    "",
    "- `Country.name` removed long ago.",
  ].join("\n");
}

const without = (sdl: string, line: string) => {
  expect(sdl).toContain(line);
  return sdl.replace(line, "");
};

describe("schema:breaking", () => {
  it("passes when nothing changed", async () => {
    expect(await checkSchemaChanges(RELEASED, RELEASED, changelog())).toEqual({ changes: [], problems: [] });
  });

  it("passes safe changes: a new field, an output field made non-null, a new enum value", async () => {
    const current = RELEASED.replace("name: String", "name: String!\n    flag: String").replace("EUROPE", "EUROPE AFRICA");
    const report = await checkSchemaChanges(RELEASED, current, changelog());
    expect(report.problems).toEqual([]);
    expect(report.changes.map((c) => [c.path, c.criticality.level])).toEqual(
      expect.arrayContaining([
        ["Country.flag", "NON_BREAKING"],
        ["Country.name", "NON_BREAKING"],
      ]),
    );
  });

  it("fails a removed deprecated field that the changelog does not list", async () => {
    const current = without(RELEASED, `isoName: String @deprecated(reason: "Use name.")`);
    const report = await checkSchemaChanges(RELEASED, current, changelog());
    expect(report.problems).toEqual([expect.stringMatching(/^Breaking change not in CHANGELOG.md: .*`Country.isoName`/)]);
  });

  it("passes a removed deprecated field listed under Unreleased → Breaking", async () => {
    const current = without(RELEASED, `isoName: String @deprecated(reason: "Use name.")`);
    expect((await checkSchemaChanges(RELEASED, current, changelog("Country.isoName"))).problems).toEqual([]);
  });

  it("does not count a listing in a released version's section", async () => {
    const current = without(RELEASED, "name: String\n");
    const report = await checkSchemaChanges(RELEASED, current, changelog());
    expect(report.problems).toContainEqual(expect.stringContaining("Breaking change not in CHANGELOG.md"));
  });

  it("fails a removed field that was never deprecated, even when listed", async () => {
    const current = without(RELEASED, "name: String\n");
    const unlisted = await checkSchemaChanges(RELEASED, current, changelog());
    expect(unlisted.problems).toHaveLength(2);
    const listed = await checkSchemaChanges(RELEASED, current, changelog("Country.name"));
    expect(listed.problems).toEqual([
      "Country.name was removed but was not @deprecated in the released schema: deprecate it in a release first, remove it in a later one.",
    ]);
  });

  it("treats enum values the same way", async () => {
    const deprecatedGone = without(RELEASED, ` OLD @deprecated(reason: "Gone.")`);
    expect((await checkSchemaChanges(RELEASED, deprecatedGone, changelog("Region.OLD"))).problems).toEqual([]);
    const liveGone = RELEASED.replace("ASIA ", "");
    expect((await checkSchemaChanges(RELEASED, liveGone, changelog("Region.ASIA"))).problems).toEqual([
      expect.stringContaining("Region.ASIA was removed but was not @deprecated"),
    ]);
  });

  it("fails a breaking type change (output field made nullable) until it is listed", async () => {
    const current = RELEASED.replace("    code: String!\n", "    code: String\n");
    const report = await checkSchemaChanges(RELEASED, current, changelog());
    expect(report.problems).toEqual([expect.stringContaining("`Country.code`")]);
    expect(formatReport(report)).toMatch(/^BREAKING \(1\)\n {2}Country\.code: /);
    expect((await checkSchemaChanges(RELEASED, current, changelog("Country.code"))).problems).toEqual([]);
  });

  it("reads only backticked names in Unreleased → Breaking", () => {
    expect(listedBreakingChanges(changelog("A.b", "C.d"))).toEqual(new Set(["A.b", "C.d"]));
    expect(listedBreakingChanges("## Unreleased\n### Breaking\n- `X.y` and `Z`\n### Fixed\n- `W.v`\n")).toEqual(
      new Set(["X.y", "Z"]),
    );
  });

  it("passes on the repository's own released schema, current schema and changelog", async () => {
    const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), "utf8");
    const report = await checkSchemaChanges(read("schema/released.graphql"), read("schema/schema.graphql"), read("CHANGELOG.md"));
    expect(report.problems).toEqual([]);
  });
});
