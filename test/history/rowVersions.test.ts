/**
 * Row versions (db/rowVersions.ts): every write keeps the state it replaced, in its own
 * transaction, valid from its first change's sequence number; the seed is version 1 of its rows;
 * a refused write leaves no version; a delete closes the row's last one. And a SELECT put "as of"
 * a sequence number reads the tables as they stood then.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectAsOf } from "../../db/rowVersions.js";
import { bearer, startTestServer, type TestServer } from "../support/testServer.js";

const UPSERT = `mutation($input: UpsertMembershipInput!) { upsertMembership(input: $input) { membership { id version status } userErrors { code } } }`;
const DELETE = `mutation($input: DeleteInput!) { deleteMembership(input: $input) { deletedId userErrors { code } } }`;

describe("row versions", () => {
  let server: TestServer;
  let editor: string;
  const lastSeq = async () => server.count("SELECT coalesce(max(seq), 0) AS n FROM changes");
  /** `sqlText` as of `seq`, through the same rewriting the API uses. */
  const asOf = (seq: number, sqlText: string, ...params: unknown[]) =>
    server.rows(selectAsOf(server.app.database.dialect, sqlText, seq), ...params);

  beforeAll(async () => {
    server = await startTestServer();
    editor = await server.createKey("EDITOR");
  }, 60_000);
  afterAll(() => server?.close());

  it("hold one current version of every seeded row, valid from the seed's first change", async () => {
    for (const table of ["trips", "trip_legs", "memberships", "cities", "record_sources", "partnerships"]) {
      const rows = await server.count(`SELECT count(*) AS n FROM ${table}`);
      const current = await server.count(
        `SELECT count(*) AS n FROM row_versions WHERE table_name = ? AND valid_to IS NULL`,
        table,
      );
      expect(rows).toBeGreaterThan(0);
      expect(current).toBe(rows);
    }
    const starts = await server.rows(`SELECT DISTINCT valid_from FROM row_versions`);
    expect(starts.map((r) => Number(r.valid_from))).toEqual([1]);
    const [seed] = await server.rows(`SELECT DISTINCT actor_role FROM changes`);
    expect(seed.actor_role).toBe("SYSTEM");
  });

  it("keep the state a write replaced, and read the table as it stood before and after", async () => {
    const before = await lastSeq();
    const created = await server.gql(
      UPSERT,
      { input: { organisation: "metropolis", member: "seoul", status: "APPLIED" } },
      bearer(editor),
    );
    expect(created.data.upsertMembership.userErrors).toEqual([]);
    const id = created.data.upsertMembership.membership.id;
    const afterCreate = await lastSeq();
    const changed = await server.gql(
      UPSERT,
      { input: { id, organisation: "metropolis", member: "seoul", status: "ACTIVE" } },
      bearer(editor),
    );
    expect(changed.data.upsertMembership.membership.status).toBe("ACTIVE");
    const afterChange = await lastSeq();
    expect(afterChange).toBeGreaterThan(afterCreate);

    const [change] = await server.rows(`SELECT record_id, actor_role FROM changes WHERE seq = ?`, afterChange);
    expect(change.actor_role).toBe("EDITOR");
    const versions = await server.rows(
      `SELECT valid_from, valid_to, data FROM row_versions WHERE table_name = 'memberships' AND row_id = ? ORDER BY id`,
      change.record_id,
    );
    expect(versions.map((v) => [Number(v.valid_from), v.valid_to === null ? null : Number(v.valid_to)])).toEqual([
      [afterCreate, afterChange],
      [afterChange, null],
    ]);
    expect(versions.map((v) => (JSON.parse(v.data) as { status: string }).status)).toEqual(["APPLIED", "ACTIVE"]);

    const statusAt = async (seq: number) =>
      (await asOf(seq, `SELECT status FROM memberships WHERE id = ?`, change.record_id)).map((r) => r.status);
    expect(await statusAt(before)).toEqual([]);
    expect(await statusAt(afterCreate)).toEqual(["APPLIED"]);
    expect(await statusAt(afterChange)).toEqual(["ACTIVE"]);

    // A delete closes the last version; as of earlier moments the row is still there.
    const deleted = await server.gql(DELETE, { input: { id } }, bearer(editor));
    expect(deleted.data.deleteMembership.userErrors).toEqual([]);
    const afterDelete = await lastSeq();
    expect(await statusAt(afterDelete)).toEqual([]);
    expect(await statusAt(afterChange)).toEqual(["ACTIVE"]);
    expect(
      await server.count(
        `SELECT count(*) AS n FROM row_versions WHERE table_name = 'memberships' AND row_id = ? AND valid_to IS NULL`,
        change.record_id,
      ),
    ).toBe(0);
  });

  it("as of a moment, joins and counts see every table as it stood then", async () => {
    const seq = await lastSeq();
    const now = await server.rows(
      `SELECT count(*) AS n FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE o.slug = 'metropolis'`,
    );
    const then = await asOf(
      seq,
      `SELECT count(*) AS n FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE o.slug = ?`,
      "metropolis",
    );
    expect(Number(then[0].n)).toBe(Number(now[0].n));
    const trips = await asOf(seq, `SELECT code, start_date, delegation_size FROM trips ORDER BY id LIMIT 3`);
    const current = await server.rows(`SELECT code, start_date, delegation_size FROM trips ORDER BY id LIMIT 3`);
    expect(trips).toEqual(current);
  });

  it("as of a moment, a whole-table page in an index's order reads that order's version index, with the same rows", async () => {
    const seq = await lastSeq();
    const page = `select "id", "code" from "trips" where ("trips"."start_date" <= ? and ("trips"."start_date" < ? or ("trips"."start_date" = ? and "trips"."id" < ?))) order by "trips"."start_date" desc, "trips"."id" desc limit ?`;
    const filtered = `select "id", "code" from "trips" where ("trips"."status" = ?) order by "trips"."start_date" desc, "trips"."id" desc limit ?`;
    if (server.app.database.dialect === "sqlite") {
      expect(selectAsOf("sqlite", page, seq)).toMatch(
        /from row_versions indexed by "rv_trips_start_date_id_\w+" where table_name = 'trips'/,
      );
      // A filter may have a better index of its own: the planner keeps its choice.
      expect(selectAsOf("sqlite", filtered, seq)).not.toContain("indexed by");
    }
    const [middle] = await server.rows(`SELECT start_date, id FROM trips ORDER BY start_date DESC, id DESC LIMIT 1 OFFSET 7`);
    const params = [middle.start_date, middle.start_date, middle.start_date, middle.id, 5];
    const live = await server.rows(page, ...params);
    expect(live.length).toBe(5);
    expect(await asOf(seq, page, ...params)).toEqual(live);
  });

  it("a refused write leaves no version", async () => {
    const versions = await server.count(`SELECT count(*) AS n FROM row_versions`);
    const refused = await server.gql(
      UPSERT,
      { input: { organisation: "metropolis", member: "seoul", status: "ACTIVE", startDate: "not a date" } },
      bearer(editor),
    );
    expect(refused.errors ?? refused.data.upsertMembership.userErrors).not.toEqual([]);
    expect(await server.count(`SELECT count(*) AS n FROM row_versions`)).toBe(versions);
    expect(await server.rows(`SELECT seq FROM history_clock`)).toEqual([{ seq: null }]);
  });
});
