import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const APP_DIR = fileURLToPath(new URL("../..", import.meta.url));

export interface ServiceProcess {
  child: ChildProcess;
  /** Everything the process wrote so far. */
  output(): string;
  /** Resolves with the URL from the "billing-api listening" log line. */
  listening: Promise<string>;
  exited: Promise<number | null>;
}

/** Runs the real server entry (src/server.ts through tsx) as a child process with exactly `env`. */
export function spawnService(env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=development", "src/server.ts"], {
    cwd: APP_DIR,
    env: { PATH: process.env.PATH ?? "", PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listening = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"billing-api listening"/.exec(output);
      if (match?.[1]) {
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`exited with ${code} before listening:\n${output}`)));
  });
  listening.catch(() => {});
  const exited = once(child, "exit").then(([code]) => code as number | null);
  return { child, output: () => output, listening, exited };
}
