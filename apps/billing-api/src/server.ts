import { ConfigError } from "./config/config.js";
import { startService } from "./service.js";

/* Process entry: start the service and stop it cleanly on SIGTERM/SIGINT. */

try {
  const service = await startService(process.env);
  const onSignal = (signal: NodeJS.Signals) => {
    service.logger.info({ signal }, "signal received");
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        service.logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  // One line (e.g. the database refusing the connection); the stack only when asked for with LOG_LEVEL.
  const verbose = process.env.LOG_LEVEL === "debug" || process.env.LOG_LEVEL === "trace";
  const detail =
    error instanceof Error ? (verbose ? (error.stack ?? error.message) : error.message) : String(error);
  process.stderr.write(`billing-api failed to start: ${detail}\n`);
  process.exit(1);
}
