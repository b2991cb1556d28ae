import { readFileSync } from "node:fs";
import { buildSchema as parseSdl } from "graphql";
import { describe, expect, it } from "vitest";
import { printedSchema } from "../src/schemaPrinter.js";

const checkedIn = readFileSync(new URL("../schema/schema.graphql", import.meta.url), "utf8");

describe("schema/schema.graphql", () => {
  it("is what the code builds (run `npm run schema:print` after changing the API)", async () => {
    expect(await printedSchema()).toBe(checkedIn);
  });

  it("has the contract's binding root fields and arguments", () => {
    const schema = parseSdl(checkedIn);
    const query = schema.getQueryType()!.getFields();
    const args = (field: string) => query[field].args.map((a) => a.name).sort();
    // Whatever reads records can answer as of a moment (asOf / asOfVersion).
    const asOf = ["asOf", "asOfVersion"];
    expect(args("node")).toEqual([...asOf, "id"]);
    expect(args("nodes")).toEqual([...asOf, "ids"]);
    // Every root list of records pages and sorts the same way.
    for (const list of ["organisations", "memberships", "trips", "events", "cities", "partnerships"]) {
      expect(args(list)).toEqual(["after", ...asOf, "before", "filter", "first", "last", "orderBy"]);
    }
    expect(args("organisation")).toEqual([...asOf, "slug"]);
    for (const field of ["footprint", "series", "source"]) expect(args(field)).toEqual(expect.arrayContaining(asOf));
    expect(args("search")).toEqual(["first", "text", "types"]);
    expect(args("searchConnection")).toEqual(["after", "before", "first", "last", "text", "types"]);
    expect(query.countries).toBeDefined();
  });

  it("keeps the contract's enum values", () => {
    const schema = parseSdl(checkedIn);
    const values = (name: string) => (schema.getType(name) as any).getValues().map((v: any) => v.name);
    expect(values("TripStatus")).toEqual(["APPROVED", "CANCELLED", "COMPLETED", "REJECTED", "REQUESTED"]);
    expect(values("TripPurpose")).toHaveLength(8);
    expect(values("Lang")).toEqual(["EN", "FA"]);
    expect(values("AttendanceMode")).toEqual(["HYBRID", "IN_PERSON", "ONLINE"]);
    expect(values("Provenance")).toEqual(["ILLUSTRATIVE", "PARTLY_SOURCED", "SOURCED"]);
  });
});
