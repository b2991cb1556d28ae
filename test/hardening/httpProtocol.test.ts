/**
 * GraphQL over HTTP: which requests the /graphql endpoint serves and which it refuses (and how).
 * POST with JSON, GET for queries only (with Apollo's CSRF prevention), no batches, no simple-request
 * content types, a bounded body, GraphQL-shaped errors that all carry a request id, and
 * introspection that can be switched off.
 */
import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BootConfig } from "../../src/app.js";
import { createApiKey } from "../../src/data/apiKeys.js";
import { startTestServer, type TestServer } from "../support/testServer.js";

type Booted = TestServer;

/** A server on a fresh seeded test database, with any configuration the test needs. */
const boot = (config: Partial<BootConfig> = {}): Promise<Booted> => startTestServer({ config });

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

let server: Booted;
let endpoint: string;
let editorSecret: string;

const COUNTRIES = `{ countries { code } }`;
const ORGANISATIONS = () => server.count("SELECT count(*) AS n FROM organisations");
const UPSERT = `mutation Upsert($input: UpsertOrganisationInput!) { upsertOrganisation(input: $input) { outcome organisation { slug } userErrors { code } } }`;
const organisationInput = (slug: string) => ({
  slug,
  acronym: slug.toUpperCase().slice(0, 10),
  nameFa: "سازمان آزمایشی",
  nameEn: `Test organisation ${slug}`,
  kind: "CITY_NETWORK",
});

function post(body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  }).then(answer);
}

function get(params: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
  return fetch(`${endpoint}?${new URLSearchParams(params)}`, { headers }).then(answer);
}

function expectCountries(res: Answer): void {
  expect(res.status, res.text.slice(0, 500)).toBe(200);
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.countries.length).toBeGreaterThan(200);
  expect(res.body.data.countries).toContainEqual({ code: "IR" });
}

beforeAll(async () => {
  server = await boot();
  endpoint = `${server.url}/graphql`;
  ({ secret: editorSecret } = await createApiKey(server.app.database.db, { role: "EDITOR", name: "http protocol test" }));
}, 60_000);
afterAll(() => server?.close());

describe("POST", () => {
  it("serves application/json, answering application/json", async () => {
    const res = await post({ query: COUNTRIES });
    expectCountries(res);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("answers application/graphql-response+json when the client accepts it", async () => {
    const res = await post({ query: COUNTRIES }, { accept: "application/graphql-response+json" });
    expectCountries(res);
    expect(res.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
  });

  it("runs a mutation (the baseline for the refusals below)", async () => {
    const before = await ORGANISATIONS();
    const res = await post(
      { query: UPSERT, variables: { input: organisationInput("post-ok") } },
      { authorization: `Bearer ${editorSecret}` },
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.upsertOrganisation).toMatchObject({
      outcome: "INSERTED",
      organisation: { slug: "post-ok" },
      userErrors: [],
    });
    expect(await ORGANISATIONS()).toBe(before + 1);
  });

  it.each([
    ["text/plain", (query: string, variables: unknown) => JSON.stringify({ query, variables })],
    [
      "application/x-www-form-urlencoded",
      (query: string, variables: unknown) => new URLSearchParams({ query, variables: JSON.stringify(variables) }).toString(),
    ],
    [
      "multipart/form-data; boundary=x",
      (query: string) => `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${query}\r\n--x--\r\n`,
    ],
  ])("refuses a %s body (a CORS simple request: CSRF prevention), executing nothing", async (contentType, encode) => {
    const before = await ORGANISATIONS();
    const slug = `csrf-${contentType.split(/[/;]/)[1]}`;
    const res = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": contentType, authorization: `Bearer ${editorSecret}` },
      body: encode(UPSERT, { input: organisationInput(slug) }),
    }).then(answer);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body?.data).toBeUndefined();
    expect(res.body?.errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
    expect(res.text).toMatch(/Cross-Site Request Forgery|CSRF/);
    expect(await ORGANISATIONS()).toBe(before);
    expect(await server.count("SELECT count(*) AS n FROM organisations WHERE slug = ?", slug)).toBe(0);
  });

  it("refuses a JSON array (a batch) with 400, executing none of it", async () => {
    const before = await ORGANISATIONS();
    const res = await post([{ query: COUNTRIES }, { query: UPSERT, variables: { input: organisationInput("batched") } }], {
      authorization: `Bearer ${editorSecret}`,
    });
    expect(res.status).toBe(400);
    expect(Array.isArray(res.body)).toBe(false);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0].extensions.code).toBe("BAD_REQUEST");
    expect(res.body.errors[0].message).toMatch(/batch/i);
    expect(await ORGANISATIONS()).toBe(before);
  });

  it("refuses a body over 100,000 bytes with 413 PAYLOAD_TOO_LARGE in GraphQL's error shape", async () => {
    // A 1 MB document: a valid query padded with a comment.
    const query = `${COUNTRIES}\n#${"x".repeat(1_000_000)}`;
    const res = await post({ query });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/json/);
    expect(res.body).toEqual({
      errors: [
        expect.objectContaining({
          message: expect.stringContaining("100000"),
          extensions: expect.objectContaining({ code: "PAYLOAD_TOO_LARGE" }),
        }),
      ],
    });
    expect(res.body.data).toBeUndefined();
  });

  it("serves a body just under the limit", async () => {
    const query = `${COUNTRIES}\n#${"x".repeat(90_000)}`;
    expectCountries(await post({ query }));
  });

  it("answers malformed JSON with 400 BAD_REQUEST in GraphQL's error shape", async () => {
    const res = await post(`{"query": "{ countries { code } }"`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errors: [
        expect.objectContaining({ message: expect.any(String), extensions: expect.objectContaining({ code: "BAD_REQUEST" }) }),
      ],
    });
    expect(res.text).not.toMatch(/<html|<pre|SyntaxError|at JSON\.parse/i);
  });
});

describe("GET", () => {
  it("refuses a query without a preflight-forcing header (CSRF prevention)", async () => {
    const res = await get({ query: COUNTRIES });
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0].extensions.code).toBe("BAD_REQUEST");
    expect(res.body.errors[0].message).toMatch(/apollo-require-preflight/);
  });

  it("serves a query with `apollo-require-preflight: true`", async () => {
    expectCountries(await get({ query: COUNTRIES }, { "apollo-require-preflight": "true" }));
  });

  it("serves a query with `x-apollo-operation-name`", async () => {
    const res = await get({ query: `query Codes ${COUNTRIES}` }, { "x-apollo-operation-name": "Codes" });
    expectCountries(res);
  });

  it("serves a query with a non-simple content-type", async () => {
    expectCountries(await get({ query: COUNTRIES }, { "content-type": "application/json" }));
  });

  it("refuses a mutation with 405, and writes nothing", async () => {
    const before = await ORGANISATIONS();
    const res = await get(
      { query: UPSERT, variables: JSON.stringify({ input: organisationInput("over-get") }) },
      { "apollo-require-preflight": "true", authorization: `Bearer ${editorSecret}` },
    );
    expect(res.status).toBe(405);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0].message).toMatch(/GET requests only support query operations/);
    expect(res.headers.get("allow")).toMatch(/POST/);
    expect(await ORGANISATIONS()).toBe(before);
    expect(await server.count("SELECT count(*) AS n FROM organisations WHERE slug = 'over-get'")).toBe(0);
  });
});

describe("request ids", () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  it("every response carries a fresh x-request-id", async () => {
    const a = await post({ query: COUNTRIES });
    const b = await post({ query: COUNTRIES });
    expect(a.headers.get("x-request-id")).toMatch(UUID);
    expect(b.headers.get("x-request-id")).toMatch(UUID);
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
  });

  it("every GraphQL error carries extensions.requestId, the same as the header", async () => {
    // Two validation errors, then an execution error (a bad global ID).
    const invalid = await post({ query: `{ nope alsoNope }` });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toHaveLength(2);
    const id = invalid.headers.get("x-request-id");
    expect(id).toMatch(UUID);
    for (const error of invalid.body.errors) expect(error.extensions.requestId).toBe(id);

    const failing = await post({ query: `{ countries { code } node(id: "not a global id") { id } }` });
    expect(failing.body.errors.length).toBeGreaterThan(0);
    for (const error of failing.body.errors) expect(error.extensions.requestId).toBe(failing.headers.get("x-request-id"));
  });

  it("echoes a client's x-request-id when it is a valid token, in the header and in errors", async () => {
    const given = "client-trace.42_abc";
    const ok = await post({ query: COUNTRIES }, { "x-request-id": given });
    expect(ok.headers.get("x-request-id")).toBe(given);
    const failing = await post({ query: `{ nope }` }, { "x-request-id": given });
    expect(failing.headers.get("x-request-id")).toBe(given);
    expect(failing.body.errors[0].extensions.requestId).toBe(given);
  });

  it("replaces a client's x-request-id that is not a valid token", async () => {
    for (const bad of ["has spaces in it", "x".repeat(101), "semi;colon", "<script>"]) {
      const res = await post({ query: `{ nope }` }, { "x-request-id": bad });
      const id = res.headers.get("x-request-id");
      expect(id).toMatch(UUID);
      expect(res.body.errors[0].extensions.requestId).toBe(id);
    }
  });

  // Refusals that happen before GraphQL processing starts must still be traceable.
  it.each([
    ["a body over the limit (413)", () => post({ query: `${COUNTRIES}#${"x".repeat(200_000)}` }), 413],
    ["malformed JSON (400)", () => post(`{"query":`), 400],
  ])("%s carries x-request-id and extensions.requestId too", async (_name, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    const id = res.headers.get("x-request-id");
    expect(id ?? "(no x-request-id header)", `x-request-id header on ${res.text.slice(0, 200)}`).toMatch(UUID);
    for (const error of res.body.errors) expect(error.extensions.requestId).toBe(id);
  });

  // Apollo writes these refusals itself, before any plugin runs: the id is in the header only.
  it.each([
    ["a CSRF refusal (400)", () => get({ query: COUNTRIES }), 400],
    ["a batch (400)", () => post([{ query: COUNTRIES }]), 400],
  ] as const)("%s carries the x-request-id header", async (_name, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers.get("x-request-id")).toMatch(UUID);
  });
});

describe("introspection", () => {
  const INTROSPECTION = `{ __schema { types { name } } }`;

  it("is on by default", async () => {
    const res = await post({ query: INTROSPECTION });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const names = res.body.data.__schema.types.map((t: { name: string }) => t.name);
    expect(names).toEqual(expect.arrayContaining(["Query", "Trip", "Country", "RateLimit"]));
  });

  describe("with INTROSPECTION false", () => {
    let closed: Booted;
    beforeAll(async () => {
      closed = await boot({ INTROSPECTION: false });
    }, 60_000);
    afterAll(() => closed?.close());

    const send = (query: string) =>
      fetch(`${closed.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query }),
      }).then(answer);

    it("refuses __schema and __type, answering no data", async () => {
      for (const query of [INTROSPECTION, `{ __type(name: "Trip") { fields { name } } }`]) {
        const res = await send(query);
        expect(res.status).toBe(400);
        expect(res.body.data).toBeUndefined();
        expect(res.body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
        expect(res.body.errors[0].message).toMatch(/introspection/i);
        expect(res.text).not.toMatch(/"Trip"|RateLimit/);
      }
    });

    it("still serves ordinary queries (and __typename)", async () => {
      const res = await send(`{ __typename countries { code } }`);
      expect(res.status).toBe(200);
      expect(res.body.data.__typename).toBe("Query");
      expect(res.body.data.countries).toContainEqual({ code: "IR" });
    });

    it('gives no "Did you mean …" suggestions: not for fields, arguments, types, enum values or input fields', async () => {
      const sendWith = (query: string, variables: Record<string, unknown>) =>
        fetch(`${closed.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query, variables }),
        }).then(answer);
      const [variablesQuery, variables, variableLeak] = VARIABLE_TYPO;
      const answers: [Answer, RegExp][] = [[await sendWith(variablesQuery, variables), variableLeak]];
      for (const [query, leak] of TYPOS) answers.push([await send(query), leak]);
      for (const [res, leak] of answers) {
        expect(res.status, res.text).toBe(400);
        expect(res.body.data).toBeUndefined();
        expect(res.text).not.toMatch(/Did you mean|Suggestion/);
        expect(res.text).not.toMatch(leak);
        // The error itself still says what was wrong.
        expect(res.body.errors[0].message).toMatch(/Cannot query field|Unknown argument|Unknown type|does not exist|not defined/);
        expect(res.body.errors[0].extensions.requestId).toBe(res.headers.get("x-request-id"));
      }
    });
  });

  it("with introspection on, the same typos do get suggestions (what the test above guards against)", async () => {
    for (const [query, , suggestion] of TYPOS) {
      const res = await post({ query });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].message).toMatch(suggestion);
    }
    const [variablesQuery, variables] = VARIABLE_TYPO;
    const res = await post({ query: variablesQuery, variables });
    expect(res.body.errors[0].message).toMatch(/Did you mean "countries"\?/);
  });
});

/** A typo, what a suggestion would leak, and the suggestion graphql-js makes with introspection on. */
const TYPOS: [string, RegExp, RegExp][] = [
  [`{ countrie { code } }`, /"countries"/, /Did you mean "countries"/],
  [`{ trips(firs: 2) { totalCount } }`, /"first"/, /Did you mean "first"\?/],
  [`{ trips(first: 1) { nodes { ... on Tripp { code } } } }`, /"Trip"/, /Did you mean "Trip"/],
  [`{ trips(filter: { status: [REQUESTE] }) { totalCount } }`, /"REQUESTED"/, /Did you mean the enum value "REQUESTED"/],
  [`{ trips(filter: { countriez: ["IQ"] }) { totalCount } }`, /"countries"/, /Did you mean "countries"\?/],
];
/** Through variables: the value is checked against the input type outside validation. */
const VARIABLE_TYPO: [string, Record<string, unknown>, RegExp] = [
  `query ($f: TripFilter) { trips(filter: $f) { totalCount } }`,
  { f: { countriez: ["IQ"] } },
  /"countries"/,
];
