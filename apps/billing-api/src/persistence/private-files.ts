import { chmod, lstat, mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";

/** Owner-only modes: nobody but the service's own user may read, write or enter. */
const PRIVATE_DIRECTORY_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;
const GROUP_AND_OTHER_BITS = 0o077;

/**
 * Creates `dir` (and its parents) owner-only, and takes group and other permissions off everything already
 * inside it: PGlite extracts its initial files world-writable (0666) and an older version of this service
 * left them so. Returns how many entries had to be tightened, so the caller can say so in the log.
 */
export async function makePrivateTree(dir: string): Promise<number> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  return tighten(dir);
}

async function tighten(path: string): Promise<number> {
  const stats = await lstat(path);
  if (stats.isSymbolicLink()) {
    // chmod would follow it out of the tree; the service never creates links here.
    return 0;
  }
  let changed = 0;
  if ((stats.mode & GROUP_AND_OTHER_BITS) !== 0) {
    await chmod(path, stats.isDirectory() ? PRIVATE_DIRECTORY_MODE : PRIVATE_FILE_MODE);
    changed += 1;
  }
  if (stats.isDirectory()) {
    for (const entry of await readdir(path)) {
      changed += await tighten(join(path, entry));
    }
  }
  return changed;
}
