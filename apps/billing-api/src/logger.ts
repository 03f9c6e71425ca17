import { type Logger, type LoggerOptions, pino } from "pino";

export type { Logger } from "pino";

/**
 * Paths pino blanks out wherever they appear. Request headers are already reduced to an allow-list by the
 * HTTP serializer; this is the second line of defence for anything a handler logs by mistake.
 */
export const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-hub-signature"]',
  'req.headers["x-hub-signature-256"]',
  "headers.authorization",
  'headers["x-hub-signature-256"]',
  "*.token",
  "*.password",
  "*.secret",
  "*.apiKey",
  "*.accessToken",
  "*.clientSecret",
  "token",
  "password",
  "secret",
  "apiKey",
];

export function createLogger(options: {
  level: LoggerOptions["level"];
  destination?: pino.DestinationStream;
}): Logger {
  const loggerOptions: LoggerOptions = {
    level: options.level ?? "info",
    base: { service: "billing-api" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    formatters: { level: (label) => ({ level: label }) },
  };
  return options.destination ? pino(loggerOptions, options.destination) : pino(loggerOptions);
}
