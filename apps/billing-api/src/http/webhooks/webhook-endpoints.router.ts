import { type Request, type Response, Router } from "express";
import type { ApiKeyStore } from "../../domain/entitlements/api-keys.js";
import type { BillingEventType } from "../../domain/outbound/billing-event.js";
import {
  type EndpointChanges,
  InvalidEndpointUrlError,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEndpointService,
} from "../../domain/outbound/webhook-endpoints.js";
import { bodyParsers } from "../body-parsers.js";
import { apiKeyAuthentication, requireKey } from "../entitlements/api-key-auth.js";
import { openApiValidator } from "../openapi-validation.js";
import { problem, sendProblem } from "../problem.js";
import { problemErrorHandler } from "../problem-error-handler.js";

export const WEBHOOK_ENDPOINTS_PATHS = ["/v1/webhook-endpoints"] as const;

export interface WebhookEndpointsRouterDeps {
  endpoints: WebhookEndpointService;
  apiKeys: ApiKeyStore;
  adminApiKey: string;
  validateResponses: boolean;
}

/** Managing where events go (specs/entitlements.yaml, tag `events`); unrestricted admin keys only. */
export function webhookEndpointsRouter(deps: WebhookEndpointsRouterDeps): Router {
  const router = Router();
  router.use(bodyParsers());
  router.use(
    apiKeyAuthentication({ adminApiKey: deps.adminApiKey, store: deps.apiKeys, now: () => Date.now() }),
  );
  router.use(openApiValidator("entitlements", { validateResponses: deps.validateResponses }));
  // Endpoints receive every marketplace's events: a key restricted to one marketplace may not manage them.
  router.use(requireKey("admin", () => undefined));

  router.post("/v1/webhook-endpoints", async (req, res) => {
    const body = req.body as { url: string; events?: BillingEventType[]; description?: string };
    const created = await withUrlCheck(res, () =>
      deps.endpoints.create({
        url: body.url,
        events: body.events ?? null,
        description: body.description ?? null,
      }),
    );
    if (created) {
      res.status(201).json({ ...toEndpointBody(created.endpoint), secret: created.secret });
    }
  });

  router.get("/v1/webhook-endpoints", async (_req, res) => {
    res.json({ items: (await deps.endpoints.list()).map(toEndpointBody) });
  });

  router.get("/v1/webhook-endpoints/:endpointId", async (req, res) => {
    const endpoint = await deps.endpoints.get(endpointId(req));
    sendEndpoint(req, res, endpoint);
  });

  router.patch("/v1/webhook-endpoints/:endpointId", async (req, res) => {
    const changes = req.body as EndpointChanges;
    const updated = await withUrlCheck(res, () => deps.endpoints.update(endpointId(req), changes));
    if (updated !== undefined) {
      sendEndpoint(req, res, updated);
    }
  });

  router.delete("/v1/webhook-endpoints/:endpointId", async (req, res) => {
    if (await deps.endpoints.delete(endpointId(req))) {
      res.status(204).end();
    } else {
      sendProblem(res, notFound(endpointId(req)));
    }
  });

  router.post("/v1/webhook-endpoints/:endpointId/rotate-secret", async (req, res) => {
    const rotated = await deps.endpoints.rotateSecret(endpointId(req));
    if (rotated) {
      res.json({ ...toEndpointBody(rotated.endpoint), secret: rotated.secret });
    } else {
      sendProblem(res, notFound(endpointId(req)));
    }
  });

  router.get("/v1/webhook-endpoints/:endpointId/deliveries", async (req, res) => {
    const id = endpointId(req);
    if (!(await deps.endpoints.get(id))) {
      sendProblem(res, notFound(id));
      return;
    }
    const limit = Number((req.query as { limit?: number }).limit ?? 50);
    res.json({ items: (await deps.endpoints.deliveries(id, limit)).map(toDeliveryBody) });
  });

  router.post("/v1/webhook-endpoints/:endpointId/deliveries/:deliveryId/retry", async (req, res) => {
    const delivery = await deps.endpoints.retryDelivery(endpointId(req), String(req.params.deliveryId));
    if (delivery) {
      res.status(202).json(toDeliveryBody(delivery));
    } else {
      sendProblem(
        res,
        problem(
          404,
          "delivery-not-found",
          "Not Found",
          `No delivery ${String(req.params.deliveryId)} of endpoint ${endpointId(req)}.`,
        ),
      );
    }
  });

  router.use(problemErrorHandler);
  return router;
}

function endpointId(req: Request): string {
  return String(req.params.endpointId);
}

function notFound(id: string) {
  return problem(404, "webhook-endpoint-not-found", "Not Found", `No webhook endpoint ${id}.`);
}

function sendEndpoint(req: Request, res: Response, endpoint: WebhookEndpoint | null): void {
  if (endpoint) {
    res.json(toEndpointBody(endpoint));
  } else {
    sendProblem(res, notFound(endpointId(req)));
  }
}

/** Runs a use case that checks a URL; a refused URL is a 400, and the result is undefined. */
async function withUrlCheck<T>(res: Response, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvalidEndpointUrlError) {
      sendProblem(res, problem(400, "invalid-endpoint-url", "Bad Request", error.message));
      return undefined;
    }
    throw error;
  }
}

function toEndpointBody(endpoint: WebhookEndpoint) {
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: endpoint.events,
    description: endpoint.description,
    enabled: endpoint.enabled,
    disabledReason: endpoint.disabledReason,
    failingSince: endpoint.failingSince?.toISOString() ?? null,
    createdAt: endpoint.createdAt.toISOString(),
  };
}

function toDeliveryBody(delivery: WebhookDelivery) {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
    createdAt: delivery.createdAt.toISOString(),
    lastAttempts: delivery.lastAttempts.map((attempt) => ({
      at: attempt.at.toISOString(),
      statusCode: attempt.statusCode,
      error: attempt.error,
      durationMs: attempt.durationMs,
    })),
  };
}
