/** Unpacks a zip (a data package answered over HTTP) into a folder, for the tests to read. */
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";

export async function unzipTo(zip: Buffer, folder: string): Promise<string[]> {
  const archive = await yauzl.fromBufferPromise(zip, { lazyEntries: true });
  const names: string[] = [];
  await new Promise<void>((resolve, reject) => {
    archive.on("error", reject);
    archive.on("end", resolve);
    archive.on("entry", (entry: yauzl.Entry) => {
      names.push(entry.fileName);
      const target = join(folder, entry.fileName);
      archive.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        mkdir(dirname(target), { recursive: true })
          .then(() => pipeline(stream, createWriteStream(target)))
          .then(() => archive.readEntry(), reject);
      });
    });
    archive.readEntry();
  });
  return names;
}
