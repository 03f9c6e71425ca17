import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../../src/persistence/embedded-postgres.js";

describe("embedded PostgreSQL", () => {
  it("refuses a second opener of the same data directory, and lets it in once the first stops", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "billing-pglite-"));
    const first = await startEmbeddedPostgres({ dataDir, maxConnections: 2 });
    await expect(startEmbeddedPostgres({ dataDir, maxConnections: 2 })).rejects.toThrow(/in use by process/);
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, maxConnections: 2 });
    await second.stop();
  });
});
