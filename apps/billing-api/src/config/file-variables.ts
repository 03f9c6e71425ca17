import { readFileSync } from "node:fs";

/**
 * `NAME_FILE=/path` stands for `NAME=<contents of /path>` (Docker and Kubernetes mount secrets as files), for
 * every variable in `names`. The trailing newline most tools write is dropped. Setting both `NAME` and
 * `NAME_FILE` is refused: which one wins would be a guess. Returns the environment with the files read, and
 * the problems found.
 */
export function readFileVariables(
  source: Record<string, string | undefined>,
  names: readonly string[],
): { environment: Record<string, string | undefined>; problems: string[] } {
  const environment = { ...source };
  const problems: string[] = [];
  for (const name of names) {
    const path = source[`${name}_FILE`];
    if (path === undefined || path === "") {
      continue;
    }
    delete environment[`${name}_FILE`];
    if (source[name] !== undefined && source[name] !== "") {
      problems.push(`${name}_FILE: ${name} is set too; set only one of them`);
      continue;
    }
    try {
      environment[name] = readFileSync(path, "utf8").trimEnd();
    } catch (error) {
      problems.push(
        `${name}_FILE: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
      );
    }
  }
  return { environment, problems };
}
