import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { cacheStatements } from "../../db/statementCache.js";

function database(size?: number) {
  const sqlite = new Database(":memory:");
  cacheStatements(sqlite, size);
  sqlite.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
  sqlite.prepare("INSERT INTO t (name) VALUES (?), (?), (?)").run("a", "b", "c");
  return sqlite;
}

describe("SQLite statement cache", () => {
  it("hands out the same compiled statement for the same text", () => {
    const sqlite = database();
    const first = sqlite.prepare("SELECT name FROM t WHERE id = ?");
    expect(sqlite.prepare("SELECT name FROM t WHERE id = ?")).toBe(first);
    expect(sqlite.prepare("SELECT id FROM t WHERE id = ?")).not.toBe(first);
  });

  it("resets raw mode, so a caller reading objects gets objects after one that read arrays", () => {
    const sqlite = database();
    expect(sqlite.prepare("SELECT id, name FROM t ORDER BY id").raw().all()[0]).toEqual([1, "a"]);
    expect(sqlite.prepare("SELECT id, name FROM t ORDER BY id").all()[0]).toEqual({ id: 1, name: "a" });
  });

  it("gives a fresh statement while the cached one is busy iterating", () => {
    const sqlite = database();
    const text = "SELECT id FROM t ORDER BY id";
    const outer = sqlite.prepare(text);
    const seen: number[] = [];
    for (const row of outer.iterate() as IterableIterator<{ id: number }>) {
      const inner = sqlite.prepare(text);
      expect(inner).not.toBe(outer);
      seen.push(row.id, (inner.all() as { id: number }[]).length);
    }
    expect(seen).toEqual([1, 3, 2, 3, 3, 3]);
    expect(sqlite.prepare(text)).toBe(outer);
  });

  it("keeps at most its size, evicting the least recently used text", () => {
    const sqlite = database(2);
    const a = sqlite.prepare("SELECT 1");
    const b = sqlite.prepare("SELECT 2");
    expect(sqlite.prepare("SELECT 1")).toBe(a); // now "SELECT 2" is the oldest
    sqlite.prepare("SELECT 3");
    expect(sqlite.prepare("SELECT 1")).toBe(a);
    expect(sqlite.prepare("SELECT 2")).not.toBe(b);
  });
});
