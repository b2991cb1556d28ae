/**
 * Reads a data package from where `npm run export` or `GET /export/datapackage.zip` put it: a
 * folder, or a zip (read in place, one entry at a time, so a large package is never held whole).
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join, normalize } from "node:path";
import type { Readable } from "node:stream";
import yauzl from "yauzl";

export interface PackageReader {
  /** The package's `datapackage.json`, parsed. */
  descriptor(): Promise<unknown>;
  /** A resource's file, by its path in the package ("data/trips.csv"); null when it is not there. */
  open(path: string): Promise<Readable | null>;
  close(): Promise<void>;
}

/** A path inside the package: relative, and never climbing out of it. */
function insidePackage(path: string): string | null {
  const clean = normalize(path).replace(/\\/g, "/");
  return clean.startsWith("../") || clean.startsWith("/") || clean === ".." ? null : clean;
}

function folderReader(folder: string): PackageReader {
  return {
    async descriptor() {
      return JSON.parse(await readFile(join(folder, "datapackage.json"), "utf8")) as unknown;
    },
    async open(path) {
      const inside = insidePackage(path);
      if (!inside) return null;
      const file = join(folder, inside);
      const found = await stat(file).catch(() => null);
      return found?.isFile() ? createReadStream(file) : null;
    },
    async close() {},
  };
}

async function zipReader(file: string): Promise<PackageReader> {
  const archive = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    archive.on("error", reject);
    archive.on("end", resolve);
    archive.on("entry", (entry: yauzl.Entry) => {
      entries.set(entry.fileName, entry);
      archive.readEntry();
    });
    archive.readEntry();
  });
  const open = async (path: string): Promise<Readable | null> => {
    const inside = insidePackage(path);
    const entry = inside ? entries.get(inside) : undefined;
    return entry ? archive.openReadStreamPromise(entry) : null;
  };
  return {
    async descriptor() {
      const stream = await open("datapackage.json");
      if (!stream) throw new Error("the zip holds no datapackage.json");
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
    },
    open,
    async close() {
      archive.close();
    },
  };
}

/** A reader for the package at `path` (a folder holding datapackage.json, or a .zip). */
export async function openPackage(path: string): Promise<PackageReader> {
  const found = await stat(path).catch(() => null);
  if (!found) throw new Error(`${path}: no such file or folder`);
  return found.isDirectory() ? folderReader(path) : zipReader(path);
}
