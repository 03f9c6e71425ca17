import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  /** A postgres:// URL for `pg` on loopback. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite (Postgres compiled to WASM) and serves it over the Postgres wire protocol on a loopback
 * port, so the embedded default uses exactly the same `pg` + TypeORM code path as a real server.
 *
 * `dataDir` undefined keeps the database in memory (tests); otherwise it is file-backed and survives restarts.
 * PGlite runs one query at a time; the socket server queues connections' queries and keeps a transaction's
 * statements together, so `maxConnections` must cover the pool.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string | undefined;
  maxConnections: number;
}): Promise<EmbeddedPostgres> {
  if (options.dataDir !== undefined) {
    await mkdir(options.dataDir, { recursive: true });
  }
  const db = await PGlite.create(options.dataDir === undefined ? {} : { dataDir: options.dataDir });
  const server = new PGLiteSocketServer({
    db,
    host: "127.0.0.1",
    port: 0,
    maxConnections: options.maxConnections,
  });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  return {
    url,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
