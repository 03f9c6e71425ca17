import type { Entitlements } from "@marketplace-billing/contracts";
import createClient, { type Client } from "openapi-fetch";

/** The public entitlements API, typed from specs/entitlements.yaml: the only thing the console talks to. */
export type Api = Client<Entitlements.paths>;
export type Schemas = Entitlements.components["schemas"];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The problem+json body, for pages that show more than its detail (a seat refusal's limit, say). */
    readonly problem: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** A client that sends the key as a bearer header and reports a 401 (revoked or unknown key). */
export function createApi(apiKey: string, onUnauthorized: () => void): Api {
  const client = createClient<Entitlements.paths>({ baseUrl: window.location.origin });
  client.use({
    onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${apiKey}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) {
        onUnauthorized();
      }
      return response;
    },
  });
  return client;
}

/** The body of a successful answer, or an ApiError carrying the problem's detail. */
export async function must<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) {
    throw new ApiError(response.status, describeProblem(error, response), problemBody(error));
  }
  return data;
}

/** For answers without a body (204). */
export async function mustSucceed(call: Promise<{ error?: unknown; response: Response }>): Promise<void> {
  const { error, response } = await call;
  if (!response.ok) {
    throw new ApiError(response.status, describeProblem(error, response), problemBody(error));
  }
}

function problemBody(error: unknown): Record<string, unknown> {
  return typeof error === "object" && error !== null ? (error as Record<string, unknown>) : {};
}

function describeProblem(error: unknown, response: Response): string {
  const problem = error as { title?: string; detail?: string } | undefined;
  return problem?.detail ?? problem?.title ?? `${response.status} ${response.statusText}`;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
