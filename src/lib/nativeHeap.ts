/**
 * Hands the C heap's free pages back to the operating system.
 *
 * glibc's allocator keeps memory that native code (SQLite, sockets, V8's compilers) has freed, for
 * reuse; only the top of its heap is returned on its own. After a burst of traffic, most of what the
 * burst freed sits between pages still in use: measured after the load script's 60 s run and a full
 * collection, RSS stayed at 194 MB until `malloc_trim(0)` brought it to 139 MB. `malloc_trim` is a
 * glibc function with no Node.js binding, so it is called through koffi (a maintained FFI package
 * with prebuilt binaries). Elsewhere (macOS, musl, Windows), or if koffi cannot load, this does
 * nothing: those allocators return memory on their own or have no such call.
 */
import { createRequire } from "node:module";
import type * as Koffi from "koffi";

type Trim = (pad: number) => number;

let trim: Trim | null | undefined;

function loadTrim(): Trim | null {
  if (process.platform !== "linux") return null;
  try {
    const require = createRequire(import.meta.url);
    const koffi = require("koffi") as typeof Koffi;
    return koffi.load("libc.so.6").func("int malloc_trim(size_t pad)") as Trim;
  } catch {
    return null;
  }
}

/** Whether this process can trim its C heap (Linux with glibc, and koffi loaded). */
export function canTrimNativeHeap(): boolean {
  trim ??= loadTrim();
  return trim !== null;
}

/** Returns the C heap's free pages to the system; true when memory was released. */
export function trimNativeHeap(): boolean {
  trim ??= loadTrim();
  return trim ? trim(0) === 1 : false;
}
