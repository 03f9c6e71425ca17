import pg from "pg";
import { deleteOwnPactFiles } from "./pact-files.js";

/**
 * Runs before test/setup/global-setup.ts. Deletes the pact files billing-api writes, and, with DATABASE_URL,
 * gives the contract run a database of its own (`<name>_contract` on the same server): turbo runs `test` and
 * `test:contract` at the same time, and each truncates its tables between tests.
 */
export default async function setup(): Promise<void> {
  deleteOwnPactFiles();
  const shared = process.env.DATABASE_URL;
  if (!shared) {
    return;
  }
  const url = new URL(shared);
  const name = `${decodeURIComponent(url.pathname.slice(1)) || "postgres"}_contract`;
  const client = new pg.Client({ connectionString: shared });
  await client.connect();
  try {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await client.end();
  }
  url.pathname = `/${encodeURIComponent(name)}`;
  process.env.DATABASE_URL = url.toString();
}
