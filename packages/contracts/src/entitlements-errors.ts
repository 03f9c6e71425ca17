import type { components } from "./generated/entitlements.js";

/** RFC 9457 problem details, as billing-api answers every error (specs/entitlements.yaml `Problem`). */
export type Problem = components["schemas"]["Problem"];

/** Every failure the entitlements client reports is one of these; `instanceof EntitlementsError` catches all. */
export class EntitlementsError extends Error {
  override name = "EntitlementsError";
}

/** billing-api answered, with an error status. */
export class EntitlementsApiError extends EntitlementsError {
  override name = "EntitlementsApiError";
  /** The problem details; undefined when the body was not one (e.g. a proxy's HTML page on 502). */
  readonly problem: Problem | undefined;

  constructor(
    readonly status: number,
    body: unknown,
  ) {
    const problem = asProblem(body);
    super(`entitlements API answered ${status}${problem?.detail ? `: ${problem.detail}` : ""}`);
    this.problem = problem;
  }

  /** A server-side failure (5xx): the service may answer differently in a moment. */
  get serverError(): boolean {
    return this.status >= 500;
  }
}

/** No answer from billing-api: connection refused or reset, DNS, TLS, or the per-attempt timeout. */
export class EntitlementsUnavailableError extends EntitlementsError {
  override name = "EntitlementsUnavailableError";

  constructor(
    readonly reason: "network" | "timeout",
    options: { cause: unknown },
  ) {
    super(
      reason === "timeout"
        ? "entitlements API did not answer in time"
        : `entitlements API unreachable: ${options.cause instanceof Error ? options.cause.message : String(options.cause)}`,
      options,
    );
  }
}

function asProblem(body: unknown): Problem | undefined {
  if (typeof body !== "object" || body === null) {
    return undefined;
  }
  const { type, title, status } = body as Record<string, unknown>;
  return typeof type === "string" && typeof title === "string" && typeof status === "number"
    ? (body as Problem)
    : undefined;
}

/** Wraps whatever fetch threw (a bare `TypeError: fetch failed`, an abort) into the client's own error. */
export function unavailable(error: unknown): EntitlementsError {
  if (error instanceof EntitlementsError) {
    return error;
  }
  const timedOut =
    error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError");
  return new EntitlementsUnavailableError(timedOut ? "timeout" : "network", { cause: error });
}
