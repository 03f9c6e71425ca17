// Run as a child process by the lock tests: takes the lock on argv[2] (of kind argv[3]), says so, and holds
// it until killed.
import { lockDataDir } from "../../src/persistence/data-dir-lock.js";

const [dataDir, kind] = process.argv.slice(2);
if (dataDir === undefined || (kind !== "abstract" && kind !== "file")) {
  throw new Error("usage: hold-data-dir-lock.ts <dataDir> abstract|file");
}
await lockDataDir(dataDir, { kind });
process.stdout.write("locked\n");
setInterval(() => {}, 60_000);
