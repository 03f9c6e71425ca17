import { createHash } from "node:crypto";
import { once } from "node:events";
import { realpath, rm } from "node:fs/promises";
import { connect, createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The pid-file lock of earlier versions; removed once the directory is ours, never trusted. */
const LEGACY_LOCK_FILE = "billing-api.lock";

export interface DataDirLockOptions {
  /**
   * Where the lock socket listens. Default: an abstract socket on Linux (the kernel drops it with its
   * process, so a crash leaves nothing behind), a socket file in the directory elsewhere.
   */
  kind?: "abstract" | "file";
}

/**
 * PGlite does not guard its files: two processes opening one data directory would corrupt it. The lock is a
 * Unix socket the owner listens on. Binding is atomic, and the kernel holds the socket for exactly as long as
 * the owning process lives: a lock left by a crash cannot block a start, and a pid reused by an unrelated
 * process means nothing (no pid is trusted). A second opener finds the address taken, connects, and the owner
 * answers with its pid for the error message. Returns the release function.
 */
export async function lockDataDir(
  dataDir: string,
  options: DataDirLockOptions = {},
): Promise<() => Promise<void>> {
  const kind = options.kind ?? (process.platform === "linux" ? "abstract" : "file");
  const address = await lockAddress(dataDir, kind);
  const server = createServer((socket) => socket.end(`${process.pid}\n`));
  server.unref();
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await listen(server, address);
      if (kind === "abstract") {
        await rm(join(dataDir, LEGACY_LOCK_FILE), { force: true });
      }
      return async () => {
        server.close();
        await once(server, "close").catch(() => undefined);
        if (kind === "file") {
          await rm(address, { force: true });
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") {
        throw error;
      }
      const owner = await askOwner(address);
      if (owner !== undefined) {
        throw new Error(
          `the embedded database in ${dataDir} is in use by process ${owner}; stop it first, or set DATABASE_URL`,
        );
      }
      // A socket file nobody listens on (its owner died), or an old pid file: stale, whatever it names.
      await rm(address, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

/** sun_path holds 104 bytes on macOS (108 on Linux); leave room for the terminator. */
const MAX_SOCKET_PATH = 100;

async function lockAddress(dataDir: string, kind: "abstract" | "file"): Promise<string> {
  const digest = createHash("sha256")
    .update(await realpath(dataDir))
    .digest("hex");
  if (kind === "abstract") {
    return `\0marketplace-billing/pglite/${digest}`;
  }
  const inside = join(dataDir, LEGACY_LOCK_FILE);
  // Too long for a socket address: a name derived from the directory, in the user's temporary directory.
  return inside.length <= MAX_SOCKET_PATH
    ? inside
    : join(tmpdir(), `marketplace-billing-${digest.slice(0, 32)}.lock`);
}

function listen(server: Server, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(address, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** The owner's pid if someone listens on `address`; undefined when nobody does (a stale file). */
function askOwner(address: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect(address);
    let answer = "";
    socket.setEncoding("utf8");
    socket.setTimeout(2_000, () => socket.destroy());
    socket.on("data", (chunk: string) => {
      answer += chunk;
    });
    socket.on("end", () => resolve(answer.trim() || "unknown"));
    socket.on("error", (error: NodeJS.ErrnoException) =>
      resolve(
        error.code === "ECONNREFUSED" || error.code === "ENOENT" || error.code === "ENOTSOCK"
          ? undefined
          : "unknown",
      ),
    );
    socket.on("close", () => resolve("unknown"));
  });
}
