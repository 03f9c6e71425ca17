import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { lockDataDir } from "./data-dir-lock.js";
import { makePrivateTree } from "./private-files.js";

export interface EmbeddedPostgres {
  /** A postgres:// URL for `pg`, naming the directory of the Unix socket the database is served on. */
  url: string;
  /** The socket file itself. */
  socketPath: string;
  stop(): Promise<void>;
}

/** libpq's and node-postgres' name for the socket of port 5432 inside the socket directory. */
const SOCKET_NAME = ".s.PGSQL.5432";
/** sun_path holds 108 bytes on Linux and 104 on macOS; leave room for the terminator. */
const MAX_SOCKET_PATH = 100;

/**
 * Starts PGlite (Postgres compiled to WASM) and serves it over the Postgres wire protocol, so the embedded
 * default uses exactly the same `pg` + TypeORM code path as a real server.
 *
 * PGlite has no authentication, so it is served on a Unix socket inside an owner-only (0700) directory, never
 * on a TCP port: only the service's own user can reach it, and every file is owner-only too.
 *
 * `dataDir` undefined keeps the database in memory (tests); otherwise it is file-backed and survives restarts.
 * PGlite runs one query at a time; the socket server queues connections' queries and keeps a transaction's
 * statements together, so `maxConnections` must cover the pool.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string | undefined;
  maxConnections: number;
}): Promise<EmbeddedPostgres> {
  // Absolute: node-postgres reads a host that starts with "/" as a socket directory.
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  let releaseLock = async () => {};
  if (dataDir !== undefined) {
    await makePrivateTree(dataDir);
    releaseLock = await lockDataDir(dataDir);
  }
  let db: PGlite;
  let socketDir: { path: string; temporary: boolean };
  try {
    db = await PGlite.create(dataDir === undefined ? {} : { dataDir });
    if (dataDir !== undefined) {
      // PGlite unpacks its initial cluster world-writable; files Postgres creates later are 0600.
      await makePrivateTree(dataDir);
    }
    socketDir = await privateSocketDirectory(dataDir);
  } catch (error) {
    await releaseLock();
    throw error;
  }
  const socketPath = join(socketDir.path, SOCKET_NAME);
  // A socket file left by a process that died; the lock above says nobody else serves this directory.
  await rm(socketPath, { force: true });
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: options.maxConnections });
  try {
    await server.start();
    // The directory already keeps others out; the socket itself follows the umask otherwise.
    await chmod(socketPath, 0o600);
  } catch (error) {
    await db.close();
    await releaseLock();
    throw error;
  }
  return {
    url: `postgres://postgres@${encodeURIComponent(socketDir.path)}/postgres`,
    socketPath,
    async stop() {
      await server.stop();
      await db.close();
      await rm(socketDir.temporary ? socketDir.path : socketPath, { recursive: true, force: true });
      await releaseLock();
    },
  };
}

/**
 * The data directory itself, which is owner-only; an in-memory database, or a data directory whose path is
 * too long for a socket address, gets a fresh owner-only directory under the system's temporary directory.
 */
async function privateSocketDirectory(
  dataDir: string | undefined,
): Promise<{ path: string; temporary: boolean }> {
  if (dataDir !== undefined && join(dataDir, SOCKET_NAME).length <= MAX_SOCKET_PATH) {
    return { path: dataDir, temporary: false };
  }
  // mkdtemp creates the directory with mode 0700.
  return { path: await mkdtemp(join(tmpdir(), "billing-pglite-")), temporary: true };
}
