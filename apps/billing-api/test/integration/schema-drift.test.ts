import { describe, expect, it } from "vitest";
import { pendingSchemaChanges } from "../../src/persistence/schema-drift.js";
import { useTestApp } from "../support/test-app.js";

const context = useTestApp();

describe("migrations", () => {
  it("bring the database exactly to what the entities describe", async () => {
    const changes = await pendingSchemaChanges(context.database.dataSource);
    expect(changes.up.map((change) => change.query)).toEqual([]);
  });
});
