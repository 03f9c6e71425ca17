import { Webhook } from "standardwebhooks";
import type { WebhookSender } from "../domain/outbound/dispatch.js";

/**
 * Sends a delivery signed per Standard Webhooks by the `standardwebhooks` package: one `v1,` signature per
 * secret (two while a rotated secret is still valid). Redirects are not followed (a 3xx is a failure), and
 * the answer's body is discarded unread.
 */
export const standardWebhooksSender: WebhookSender = {
  async send(request) {
    const seconds = Math.floor(request.at.getTime() / 1000);
    const signature = request.secrets
      .map((secret) => new Webhook(secret).sign(request.webhookId, request.at, request.body))
      .join(" ");
    try {
      const response = await fetch(request.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "marketplace-billing-webhooks",
          "webhook-id": request.webhookId,
          "webhook-timestamp": String(seconds),
          "webhook-signature": signature,
        },
        body: request.body,
        redirect: "manual",
        signal: AbortSignal.timeout(request.timeoutMs),
      });
      await response.body?.cancel().catch(() => undefined);
      return { statusCode: response.status, error: null };
    } catch (error) {
      const cause = error instanceof Error ? (error.cause ?? error) : error;
      const message =
        error instanceof Error && error.name === "TimeoutError"
          ? `no answer within ${request.timeoutMs} ms`
          : cause instanceof Error
            ? `${cause.name}: ${cause.message}`
            : String(cause);
      return { statusCode: null, error: message.slice(0, 500) };
    }
  },
};
