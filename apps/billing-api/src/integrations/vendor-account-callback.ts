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

type CallbackRequest = VendorAccountCallback.components["schemas"]["CallbackRequest"];
type CallbackResponse = VendorAccountCallback.components["schemas"]["CallbackResponse"];

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

/**
 * The vendor's product as the account source: one signed POST per question (specs/vendor-account-callback.yaml).
 * A failure (network, status, unexpected body) throws, so Evotor's request gets a 500 and Evotor retries.
 */
export class CallbackVendorAccounts implements VendorAccounts {
  constructor(
    private readonly options: { url: string; secret: string; timeoutMs?: number },
    private readonly clock: Clock,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

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
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
    } catch (error) {
      throw new VendorCallbackError(`vendor callback unreachable: ${(error as Error).name}`);
    }
    if (response.status !== 200) {
      throw new VendorCallbackError(`vendor callback answered ${response.status}`);
    }
    const answer = (await response.json().catch(() => null)) as CallbackResponse | null;
    if (!answer || typeof answer.result !== "string") {
      throw new VendorCallbackError("vendor callback answered an unexpected body");
    }
    return answer;
  }
}
