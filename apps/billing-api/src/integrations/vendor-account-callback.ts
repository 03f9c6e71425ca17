import { createHmac } from "node:crypto";
import type { VendorAccountCallback } from "@marketplace-billing/contracts";
import type { Clock } from "../domain/time/clock.js";
import type {
  LookupRequest,
  LookupResult,
  VendorAccounts,
  VerifyRequest,
  VerifyResult,
} from "../domain/vendor-accounts/vendor-accounts.js";
import { type CallbackResponse, isCallbackResponse } from "./vendor-callback-answer.js";

type CallbackRequest = VendorAccountCallback.components["schemas"]["CallbackRequest"];

export class VendorCallbackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VendorCallbackError";
  }
}

/** `sha256=` + hex HMAC-SHA256(secret, `<timestamp>.<body>`), as specs/vendor-account-callback.yaml defines. */
export function signCallback(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** `https://`, or `http://` to a loopback host (the vendor's product beside billing-api). */
export function isAcceptableCallbackUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === "https:" || (parsed.protocol === "http:" && isLoopbackHost(parsed.hostname));
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The vendor's product as the account source: one signed POST per question (specs/vendor-account-callback.yaml).
 * A failure (network, timeout, redirect, status, a body the spec does not allow) throws, so Evotor's request
 * gets a 500 and Evotor retries. Redirects are never followed: the request carries the buyer's password, and
 * a redirect would re-post it (signed) wherever the vendor's server, or whoever controls it, points.
 */
export class CallbackVendorAccounts implements VendorAccounts {
  constructor(
    private readonly options: { url: string; secret: string; timeoutMs?: number },
    private readonly clock: Clock,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    if (!isAcceptableCallbackUrl(options.url)) {
      throw new VendorCallbackError(
        "the vendor callback URL must be https:// (http:// only to a loopback host)",
      );
    }
  }

  async verify(request: VerifyRequest): Promise<VerifyResult> {
    const answer = await this.call({
      action: "verify",
      userId: request.userId,
      ...(request.username === undefined ? {} : { username: request.username }),
      ...(request.password === undefined ? {} : { password: request.password }),
      fields: request.fields,
    });
    if (answer.result === "verified" && answer.accountId) {
      return { kind: "verified", accountId: answer.accountId, hasBilling: answer.hasBilling ?? false };
    }
    if (answer.result === "invalid_credentials") {
      return { kind: "invalid_credentials" };
    }
    throw new VendorCallbackError(`unexpected verify answer: ${answer.result}`);
  }

  async lookup(request: LookupRequest): Promise<LookupResult> {
    const answer = await this.call({ action: "lookup", userId: request.userId, fields: request.fields });
    if (answer.result === "found" && answer.accountId) {
      return { kind: "found", accountId: answer.accountId, field: answer.field ?? null };
    }
    if (answer.result === "not_found") {
      return { kind: "not_found" };
    }
    throw new VendorCallbackError(`unexpected lookup answer: ${answer.result}`);
  }

  private async call(request: CallbackRequest): Promise<CallbackResponse> {
    const body = JSON.stringify(request);
    const timestamp = String(Math.floor(this.clock.now().getTime() / 1000));
    let response: Response;
    try {
      response = await this.fetchImpl(this.options.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-Billing-Timestamp": timestamp,
          "X-Billing-Signature": signCallback(this.options.secret, timestamp, body),
        },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
    } catch (error) {
      throw new VendorCallbackError(`vendor callback unreachable: ${(error as Error).name}`);
    }
    if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) {
      await response.body?.cancel();
      throw new VendorCallbackError(`vendor callback answered a redirect (${response.status}), not followed`);
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new VendorCallbackError(`vendor callback answered ${response.status}`);
    }
    const answer: unknown = await response.json().catch(() => null);
    if (!isCallbackResponse(answer)) {
      throw new VendorCallbackError(
        "vendor callback answered a body specs/vendor-account-callback.yaml does not allow",
      );
    }
    return answer;
  }
}
