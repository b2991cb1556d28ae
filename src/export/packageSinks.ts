/**
 * Where a data package is written: a zip streamed as it is made (the HTTP answer), or a folder
 * (the CLI). Files are written one after the other, each through a stream that waits for its
 * reader, so a package of any size passes through in bounded memory.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { PassThrough, type Readable, type Writable } from "node:stream";
import yazl from "yazl";
import type { PackageSink } from "./dataPackage.js";

type FileStream = Writable & { closeFile(): Promise<void> };

/** A zip of the package: pipe `output` to the client, then `finish()` once the package is written. */
export function zipSink(): PackageSink & { output: Readable; finish(): void } {
  const zip = new yazl.ZipFile();
  return {
    output: zip.outputStream as Readable,
    async file(path, text) {
      zip.addBuffer(Buffer.from(text, "utf8"), path);
    },
    stream(path) {
      const entry = new PassThrough() as PassThrough & FileStream;
      zip.addReadStream(entry, path);
      entry.closeFile = async () => {
        const consumed = once(entry, "end");
        entry.end();
        await consumed;
      };
      return entry;
    },
    finish() {
      zip.end();
    },
  };
}

/** A folder holding the package's files. */
export function folderSink(root: string): PackageSink {
  return {
    async file(path, text) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text, "utf8");
    },
    stream(path) {
      const target = join(root, path);
      // The folder exists before the stream opens the file (mkdir -p is quick and idempotent).
      const pending = mkdir(dirname(target), { recursive: true });
      const through = new PassThrough() as PassThrough & FileStream;
      const opened = pending.then(() => {
        const file = createWriteStream(target);
        through.pipe(file);
        return once(file, "finish");
      });
      through.closeFile = async () => {
        through.end();
        await opened;
      };
      return through;
    },
  };
}
