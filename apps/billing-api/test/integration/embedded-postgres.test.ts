import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { chmod, lstat, mkdir, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { lockDataDir } from "../../src/persistence/data-dir-lock.js";
import { startEmbeddedPostgres } from "../../src/persistence/embedded-postgres.js";

const APP_DIR = fileURLToPath(new URL("../..", import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) {
    child.kill("SIGKILL");
  }
});

/** A child process holding the data directory's lock, as a running service (or the CLI) would. */
async function holdLockInChild(dataDir: string, kind: "abstract" | "file"): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=development", "test/support/hold-data-dir-lock.ts", dataDir, kind],
    { cwd: APP_DIR, stdio: ["ignore", "pipe", "inherit"] },
  );
  children.push(child);
  const [chunk] = (await once(child.stdout ?? child, "data")) as [Buffer];
  expect(chunk.toString()).toBe("locked\n");
  return child;
}

async function killed(child: ChildProcess): Promise<void> {
  child.kill("SIGKILL");
  if (child.exitCode === null && child.signalCode === null) {
    await once(child, "exit");
  }
}

/** Every entry under `dir` (itself included) whose mode gives group or others any access. */
async function openToOthers(dir: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (path: string) => {
    const stats = await lstat(path);
    if ((stats.mode & 0o077) !== 0) {
      found.push(`${path} ${(stats.mode & 0o777).toString(8)}`);
    }
    if (stats.isDirectory()) {
      for (const entry of await readdir(path)) {
        await visit(join(path, entry));
      }
    }
  };
  await visit(dir);
  return found;
}

describe("embedded PostgreSQL", () => {
  it("refuses a second opener of the same data directory, and lets it in once the first stops", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "billing-pglite-"));
    const first = await startEmbeddedPostgres({ dataDir, maxConnections: 2 });
    await expect(startEmbeddedPostgres({ dataDir, maxConnections: 2 })).rejects.toThrow(
      `in use by process ${process.pid}`,
    );
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, maxConnections: 2 });
    await second.stop();
  });

  it("is served on a Unix socket in an owner-only directory, with owner-only files, tightening old ones", async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), "billing-pglite-")), "pglite");
    // What an earlier version left: a world-readable directory and a world-writable file.
    await mkdir(dataDir, { mode: 0o755 });
    await chmod(dataDir, 0o755);
    await writeFile(join(dataDir, "left-over"), "x");
    await chmod(join(dataDir, "left-over"), 0o666);

    const embedded = await startEmbeddedPostgres({ dataDir, maxConnections: 2 });
    try {
      expect(embedded.socketPath).toBe(join(dataDir, ".s.PGSQL.5432"));
      expect(new URL(embedded.url).hostname).toBe(encodeURIComponent(dataDir));
      expect(await openToOthers(dataDir)).toEqual([]);

      const owner = new pg.Client({ connectionString: embedded.url });
      await owner.connect();
      await owner.query("CREATE TABLE written_after_start (id int)");
      await owner.query("INSERT INTO written_after_start VALUES (1)");
      await owner.query("CHECKPOINT");
      await owner.end();
      // Files Postgres created while running are owner-only as well.
      expect(await openToOthers(dataDir)).toEqual([]);

      if (process.getuid?.() === 0) {
        // Another local user (nobody) cannot even reach the socket.
        const attempt = spawn(
          process.execPath,
          [
            "-e",
            `require("net").connect(${JSON.stringify(embedded.socketPath)})` +
              `.on("connect", () => { console.log("connected"); process.exit(0); })` +
              `.on("error", (e) => { console.log(e.code); process.exit(0); })`,
          ],
          { uid: 65534, gid: 65534, stdio: ["ignore", "pipe", "inherit"] },
        );
        let answer = "";
        attempt.stdout?.on("data", (chunk: Buffer) => {
          answer += chunk.toString();
        });
        await once(attempt, "exit");
        expect(answer.trim()).toBe("EACCES");
      }
    } finally {
      await embedded.stop();
    }
  });

  it("puts the socket in a private temporary directory when the data directory's path is too long for one", async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), "billing-pglite-")), "d".repeat(100));
    const embedded = await startEmbeddedPostgres({ dataDir, maxConnections: 2 });
    try {
      expect(embedded.socketPath.startsWith(dataDir)).toBe(false);
      const socketDir = join(embedded.socketPath, "..");
      expect((await lstat(socketDir)).mode & 0o777).toBe(0o700);
      const client = new pg.Client({ connectionString: embedded.url });
      await client.connect();
      expect((await client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
      await client.end();
      // The long path also gets a file lock outside it on platforms without abstract sockets.
      const release = await lockDataDir(dataDir, { kind: "file" });
      await release();
    } finally {
      await embedded.stop();
    }
    await expect(lstat(embedded.socketPath)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("starts over a lock left by a process that died", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "billing-pglite-"));
    const holder = await holdLockInChild(dataDir, "abstract");
    await expect(startEmbeddedPostgres({ dataDir, maxConnections: 2 })).rejects.toThrow(
      `in use by process ${holder.pid}`,
    );
    await killed(holder);

    const embedded = await startEmbeddedPostgres({ dataDir, maxConnections: 2 });
    await embedded.stop();
  });

  it("starts over a lock file naming a pid that now belongs to an unrelated live process", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "billing-pglite-"));
    const unrelated = spawn("sleep", ["60"], { stdio: "ignore" });
    children.push(unrelated);
    await writeFile(join(dataDir, "billing-api.lock"), String(unrelated.pid));

    const embedded = await startEmbeddedPostgres({ dataDir, maxConnections: 2 });
    await embedded.stop();
  });

  it("as a socket file (platforms without abstract sockets): refuses a live owner, takes over a dead one's", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "billing-lock-"));
    const holder = await holdLockInChild(dataDir, "file");
    await expect(lockDataDir(dataDir, { kind: "file" })).rejects.toThrow(`in use by process ${holder.pid}`);
    await killed(holder);

    // The dead owner's socket file is still there; nobody listens on it.
    expect((await lstat(join(dataDir, "billing-api.lock"))).isSocket()).toBe(true);
    const release = await lockDataDir(dataDir, { kind: "file" });
    await release();

    const unrelated = spawn("sleep", ["60"], { stdio: "ignore" });
    children.push(unrelated);
    await writeFile(join(dataDir, "billing-api.lock"), String(unrelated.pid));
    const again = await lockDataDir(dataDir, { kind: "file" });
    await again();
  });
});
