import pg from "pg";

/**
 * Session-level advisory locks that keep each periodic job (reconciliation, token revocation, pruning) on one
 * replica at a time. They live on a connection of their own, outside the pool: a session lock belongs to the
 * connection that took it, and holding a pooled connection for a whole pass would starve a small pool. If that
 * connection drops, PostgreSQL releases its locks, so a crashed replica never blocks a job.
 */
export class JobLocks {
  private client: Promise<pg.Client> | undefined;

  constructor(private readonly url: string) {}

  /** Runs `work` unless another replica is running the job named `job`; true when it ran. */
  async runExclusive(job: string, work: () => Promise<void>): Promise<boolean> {
    const client = await this.connect();
    const { rows } = await client.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked",
      [`job:${job}`],
    );
    if (!rows[0]?.locked) {
      return false;
    }
    try {
      await work();
    } finally {
      await client
        .query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [`job:${job}`])
        .catch(() => this.drop());
    }
    return true;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await (await client?.catch(() => undefined))?.end().catch(() => undefined);
  }

  private connect(): Promise<pg.Client> {
    this.client ??= (async () => {
      const client = new pg.Client({ connectionString: this.url, application_name: "billing-api-job-locks" });
      // A lost connection has lost its locks too: forget it and connect again on the next pass.
      client.on("error", () => this.drop());
      await client.connect();
      return client;
    })().catch((error: unknown) => {
      this.client = undefined;
      throw error;
    });
    return this.client;
  }

  private drop(): void {
    const client = this.client;
    this.client = undefined;
    void client?.then((c) => c.end()).catch(() => undefined);
  }
}
