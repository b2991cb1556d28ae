/**
 * src/lib/errorCodes.ts is the one list of error codes: every `extensions.code` of a GraphQL error
 * and every `code` of a mutation's `userErrors`, each with when it is used. This test keeps it so:
 *
 * - no string literal equal to a registered code appears outside the registry, in src/, scripts/,
 *   seeds/ or db/ (parsed with the TypeScript compiler, syntax only, so comments and descriptions
 *   that mention a code do not count). Code names a code as `ErrorCode.X` or `UserErrorCode.X`;
 * - every code has a sentence saying when it is used;
 * - the schema's UserErrorCode enum is the registry's user-error codes, described from the registry;
 * - every registered GraphQL code is sent by src (an `ErrorCode.X` there), or by Apollo Server itself
 *   (SENT_BY_APOLLO_ALONE): the registry holds no dead code.
 *
 * One vocabulary shares a word with the codes and is not one of them: the audit outcome of a write
 * (db/enums.ts AUDIT_OUTCOMES holds FORBIDDEN, recorded as `outcome: "FORBIDDEN"`). A literal is
 * therefore allowed where it is the value of a property named `outcome`, and db/enums.ts, whose
 * value lists are the database's vocabularies, is not scanned. Nothing else is exempt.
 * examples/ is not scanned: it is a client's code, its types generated
 * from the schema.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ApolloServerErrorCode } from "@apollo/server/errors";
import { buildSchema as parseSdl, GraphQLEnumType } from "graphql";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { REFUSAL_STATUS } from "../src/http/clientErrors.js";
import { describeCodes, ERROR_CODE_DOCS, ErrorCode, USER_ERROR_CODE_DOCS } from "../src/lib/errorCodes.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const REGISTRY = "src/lib/errorCodes.ts";
const SCANNED = ["src", "scripts", "seeds", "db"];
const NOT_SCANNED = new Set([REGISTRY, "db/enums.ts"]);

/**
 * Codes Apollo Server sends by itself that src never names: they are registered because a client
 * receives them, and each must be one of Apollo's codes and be said to be Apollo's in its doc.
 */
const SENT_BY_APOLLO_ALONE: readonly ErrorCode[] = [ErrorCode.PERSISTED_QUERY_NOT_FOUND, ErrorCode.OPERATION_RESOLUTION_FAILURE];

const ALL_CODES = new Set<string>([...Object.keys(ERROR_CODE_DOCS), ...Object.keys(USER_ERROR_CODE_DOCS)]);

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) return tsFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

const scannedFiles = SCANNED.flatMap(tsFiles).filter((file) => !NOT_SCANNED.has(file));

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(join(ROOT, file), "utf8"), ts.ScriptTarget.Latest, true);
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/** `outcome: "FORBIDDEN"`: an audit outcome (db/enums.ts AUDIT_OUTCOMES), not an error code. */
function isAuditOutcome(literal: ts.Node): boolean {
  const parent = literal.parent;
  return (
    ts.isPropertyAssignment(parent) &&
    parent.initializer === literal &&
    (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name)) &&
    parent.name.text === "outcome"
  );
}

/** `file:line:column "CODE"` for each literal code in a file. */
function literalCodes(source: ts.SourceFile): string[] {
  const found: string[] = [];
  walk(source, (node) => {
    if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node)) return;
    if (!ALL_CODES.has(node.text) || isAuditOutcome(node)) return;
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push(`${source.fileName}:${line + 1}:${character + 1} "${node.text}"`);
  });
  return found;
}

/** The NAMEs of `ErrorCode.NAME` in a file. */
/** The codes a file names as `<registry>.X` (`ErrorCode.X` or `UserErrorCode.X`). */
function namedCodes(source: ts.SourceFile, registry = "ErrorCode"): string[] {
  const names: string[] = [];
  walk(source, (node) => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === registry)
      names.push(node.name.text);
  });
  return names;
}

describe("the error-code registry (src/lib/errorCodes.ts)", () => {
  it("is the only place an error code is written as a string", () => {
    const found = scannedFiles.flatMap((file) => literalCodes(parse(file)));
    expect(found, "name these codes from src/lib/errorCodes.ts (ErrorCode.X / UserErrorCode.X)").toEqual([]);
  });

  it("documents every code with a sentence", () => {
    for (const [code, doc] of [...Object.entries(ERROR_CODE_DOCS), ...Object.entries(USER_ERROR_CODE_DOCS)]) {
      expect(code, code).toMatch(/^[A-Z][A-Z_]*[A-Z]$/);
      expect(doc.trim(), code).toMatch(/^\S.*\.$/);
    }
  });

  it("gives each refusal status of src/http/clientErrors.ts in its code's doc", () => {
    for (const [code, status] of Object.entries(REFUSAL_STATUS)) {
      expect(Object.keys(ERROR_CODE_DOCS), code).toContain(code);
      expect(ERROR_CODE_DOCS[code as ErrorCode], code).toContain(`HTTP ${status}`);
    }
  });

  it("is the schema's UserErrorCode enum, values and description", () => {
    const schema = parseSdl(readFileSync(join(ROOT, "schema/schema.graphql"), "utf8"));
    const enumType = schema.getType("UserErrorCode");
    expect(enumType).toBeInstanceOf(GraphQLEnumType);
    const userErrorCode = enumType as GraphQLEnumType;
    // The printed schema sorts enum values; the order is not the contract.
    expect(userErrorCode.getValues().map((v) => v.name)).toEqual(Object.keys(USER_ERROR_CODE_DOCS).sort());
    expect(userErrorCode.description).toBe(describeCodes(USER_ERROR_CODE_DOCS));
  });

  it("holds no GraphQL code that nothing sends", () => {
    const named = new Set(scannedFiles.filter((file) => file.startsWith("src/")).flatMap((file) => namedCodes(parse(file))));
    const unsent = Object.keys(ERROR_CODE_DOCS).filter(
      (code) => !named.has(code) && !SENT_BY_APOLLO_ALONE.includes(code as ErrorCode),
    );
    expect(unsent, "a registered code src never sends (as ErrorCode.X): remove it, or send it").toEqual([]);
    for (const code of SENT_BY_APOLLO_ALONE) {
      expect(Object.values(ApolloServerErrorCode), code).toContain(code);
      expect(ERROR_CODE_DOCS[code], code).toContain("Apollo Server's");
      expect(named.has(code), `${code} is sent by src too: take it out of SENT_BY_APOLLO_ALONE`).toBe(false);
    }
  });

  it("holds no user-error code that no write reports", () => {
    const named = new Set(
      scannedFiles.filter((file) => file.startsWith("src/")).flatMap((file) => namedCodes(parse(file), "UserErrorCode")),
    );
    expect(Object.keys(USER_ERROR_CODE_DOCS).filter((code) => !named.has(code))).toEqual([]);
  });
});
