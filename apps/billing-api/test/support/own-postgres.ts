import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, chown, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Where Debian keeps the server binaries; PG_BIN overrides. */
function binaryDir(): string | undefined {
  const candidates = [process.env.PG_BIN, "/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin"];
  return candidates.find((dir) => dir !== undefined && existsSync(join(dir, "initdb")));
}

export const ownPostgresAvailable = binaryDir() !== undefined;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A PostgreSQL cluster of the test's own (initdb into a temp dir, another port), so a test can stop it or
 * freeze it without touching the shared server. As root, the server runs as the `postgres` OS user.
 */
export class OwnPostgres {
  private frozen: number[] = [];

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
    private readonly asUser: string[],
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async create(): Promise<OwnPostgres> {
    const bin = binaryDir();
    if (!bin) {
      throw new Error("no PostgreSQL server binaries (set PG_BIN)");
    }
    const dir = await mkdtemp(join(tmpdir(), "billing-own-pg-"));
    const root = process.getuid?.() === 0;
    if (root) {
      const { stdout } = await run("id", ["-u", "postgres"]);
      const { stdout: gid } = await run("id", ["-g", "postgres"]);
      await chown(dir, Number(stdout.trim()), Number(gid.trim()));
      await chmod(dir, 0o700);
    }
    const cluster = new OwnPostgres(
      dir,
      await freePort(),
      bin,
      root ? ["runuser", "-u", "postgres", "--"] : [],
    );
    await cluster.exec("initdb", ["-D", join(dir, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8"]);
    await cluster.start();
    return cluster;
  }

  private async exec(tool: string, args: string[]): Promise<string> {
    const [command, ...rest] = [...this.asUser, join(this.bin, tool), ...args];
    const { stdout } = await run(command as string, rest, { cwd: this.dir });
    return stdout;
  }

  async start(): Promise<void> {
    await this.exec("pg_ctl", [
      "-D",
      join(this.dir, "data"),
      "-l",
      join(this.dir, "log"),
      "-w",
      "-o",
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`,
      "start",
    ]);
  }

  async stop(): Promise<void> {
    await this.exec("pg_ctl", ["-D", join(this.dir, "data"), "-m", "immediate", "-w", "stop"]);
  }

  /** The postmaster and every backend it forked: the processes to freeze for a hung database. */
  private async pids(): Promise<number[]> {
    const postmaster = Number(
      (await readFile(join(this.dir, "data", "postmaster.pid"), "utf8")).split("\n")[0],
    );
    const { stdout } = await run("ps", ["-o", "pid=", "--ppid", String(postmaster)]);
    return [postmaster, ...stdout.split("\n").filter(Boolean).map(Number)];
  }

  /** Freezes the server (SIGSTOP): connections stay open and nothing answers, as in a hung host. */
  async freeze(): Promise<number[]> {
    const pids = await this.pids();
    this.frozen = pids;
    for (const pid of pids) {
      process.kill(pid, "SIGSTOP");
    }
    return pids;
  }

  thaw(pids: number[] = this.frozen): void {
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGCONT");
      } catch {
        // Already gone.
      }
    }
    this.frozen = [];
  }

  /** Stops the server (thawing it first, should a failed test have left it frozen) and removes its files. */
  async destroy(): Promise<void> {
    this.thaw();
    await this.stop().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}
