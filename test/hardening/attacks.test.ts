/**
 * Each crafted query is refused before it runs, with a stable code and a message that names the
 * limit and what was found; the server answers the next normal query as if nothing happened.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodes, startTestServer, type TestServer } from "../support/testServer.js";
import { exampleOperation } from "../../examples/operations/index.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const NORMAL = `{ trips(first: 2) { totalCount nodes { code } } }`;

async function refused(query: string, variables?: Record<string, unknown>) {
  const started = performance.now();
  const res = await server.gql(query, variables);
  const ms = performance.now() - started;
  const after = await server.gql(NORMAL);
  expect(after.errors).toBeUndefined();
  expect(after.data.trips.nodes).toHaveLength(2);
  // A guard, not a benchmark: a refusal must not be slow enough to tie the server up.
  expect(ms).toBeLessThan(2_000);
  expect(res.data ?? null).toBeNull();
  return res;
}

function cycle(depth: number): string {
  let inner = "slug";
  for (let i = 0; i < depth; i++)
    inner =
      i % 2 === 0
        ? `memberships(first: 1) { nodes { organisation { ${inner} } } }`
        : `memberships(first: 1) { nodes { member { ${inner} } } }`;
  return `{ cities(first: 1) { nodes { ${inner} } } }`;
}

describe("query limits", () => {
  it("a cycle nested 20 deep: MAX_DEPTH_EXCEEDED", async () => {
    const res = await refused(cycle(20));
    expect(errorCodes(res)).toEqual(["MAX_DEPTH_EXCEEDED"]);
    expect(res.errors![0].message).toMatch(/depth limit of 12 exceeded, found \d+/);
  });

  it("the depth limit is not dodged by fragments or by naming things __schema", async () => {
    const deep = cycle(8).replace(/^\{/, "").replace(/\}$/, "");
    const viaFragment = `query __schema { ...F } fragment F on Query { ${deep} }`;
    expect(errorCodes(await refused(viaFragment))).toEqual(["MAX_DEPTH_EXCEEDED"]);
    const namedFragment = `query Q { ...__schema } fragment __schema on Query { ${deep} }`;
    expect(errorCodes(await refused(namedFragment))).toContain("MAX_DEPTH_EXCEEDED");
  });

  it("101 aliases: MAX_ALIASES_EXCEEDED", async () => {
    const aliases = Array.from({ length: 101 }, (_, i) => `a${i}: countries { code }`).join(" ");
    const res = await refused(`{ ${aliases} }`);
    expect(errorCodes(res)).toEqual(["MAX_ALIASES_EXCEEDED"]);
    expect(res.errors![0].message).toMatch(/30.*101/);
  });

  it("500 duplicated fields: REPEATED_FIELD_LIMIT_EXCEEDED", async () => {
    const res = await refused(`{ countries { ${"code ".repeat(500)} } }`);
    expect(errorCodes(res)).toEqual(["REPEATED_FIELD_LIMIT_EXCEEDED"]);
    expect(res.errors![0].message).toContain("500 times");
  });

  it("directives x100: MAX_DIRECTIVES_EXCEEDED", async () => {
    const res = await refused(`{ countries { code ${"@include(if: true) ".repeat(100)} } }`);
    expect(errorCodes(res)[0]).toBe("MAX_DIRECTIVES_EXCEEDED");
    expect(res.errors![0].message).toBe("Directives limit of 50 exceeded, found 100.");
  });

  it("circular fragments are refused by validation, without hanging the depth check", async () => {
    const res = await refused(
      `{ cities(first: 1) { nodes { ...A } } } fragment A on City { slug ...B } fragment B on City { slug ...A }`,
    );
    expect(errorCodes(res)[0]).toMatch(/GRAPHQL_VALIDATION_FAILED|MAX_DEPTH_EXCEEDED/);
  });

  it("too many tokens: MAX_TOKENS_EXCEEDED", async () => {
    const res = await refused(`{ countries { code } ${Array.from({ length: 700 }, (_, i) => `f${i}: __typename`).join(" ")} }`);
    expect(errorCodes(res)).toContain("MAX_TOKENS_EXCEEDED");
  });

  it("first: 99999999 is refused by the cost limit before it runs", async () => {
    const res = await refused(`{ trips(first: 99999999) { nodes { code } } }`);
    expect(errorCodes(res)).toEqual(["MAX_COST_EXCEEDED"]);
    expect(res.errors![0].message).toMatch(/cost limit of 25000 exceeded, found \d+/);
  });

  it("nested connections multiply: 100 x 100 x 100 is refused, 20 x 5 runs", async () => {
    const nested = (n: number, m: number, k: number) =>
      `{ organisations(first: ${n}) { nodes { memberships(first: ${m}) { nodes { member { memberships(first: ${k}) { nodes { status } } } } } } } }`;
    expect(errorCodes(await refused(nested(100, 100, 100)))).toEqual(["MAX_COST_EXCEEDED"]);
    const ok = await server.gql(nested(20, 5, 5));
    expect(ok.errors).toBeUndefined();
  });

  it("first: -1 is a BAD_USER_INPUT error", async () => {
    const res = await refused(`{ trips(first: -1) { nodes { code } } }`);
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  });

  it("a 10,000-item list input: LIST_INPUT_TOO_LONG, as a literal or in variables", async () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `"x${i}"`).join(",");
    const literal = await refused(`{ nodes(ids: [${ids}]) { id } }`);
    expect(errorCodes(literal)).toContain("MAX_TOKENS_EXCEEDED");
    const viaVariables = await refused(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: Array.from({ length: 10_000 }, (_, i) => `x${i}`),
    });
    expect(errorCodes(viaVariables)).toEqual(["LIST_INPUT_TOO_LONG"]);
    expect(viaVariables.errors![0].message).toMatch(/250 items exceeded, found 10000/);
    const short = await refused(
      `{ trips(filter: { countries: [${Array.from({ length: 251 }, () => '"IQ"').join(",")}] }) { totalCount } }`,
    );
    expect(errorCodes(short)).toEqual(["LIST_INPUT_TOO_LONG"]);
  });

  it("the example operations pass comfortably", async () => {
    for (const file of ["researcher-trips", "dashboard-footprint"] as const) {
      const query = exampleOperation(file);
      const res = await server.gql(query, { after: null });
      expect(res.errors, file).toBeUndefined();
      expect((res as any).extensions ?? true).toBeTruthy();
    }
  });
});
