import type { Entitlements } from "@marketplace-billing/contracts";
import type { RequestHandler, Router } from "express";
import { type ApiKey, type ApiKeyStore, createApiKey } from "../../domain/entitlements/api-keys.js";
import type { EventProcessor } from "../../domain/events/event-processor.js";
import type {
  EventLog,
  InboundEvent,
  InboundEventStatus,
  Marketplace,
} from "../../domain/events/inbound-event.js";
import { retryEvent } from "../../domain/events/retry-event.js";
import type {
  ReconciliationRun,
  ReconciliationRunLog,
} from "../../domain/reconciliation/reconciliation-runs.js";
import type { Clock } from "../../domain/time/clock.js";
import { problem, sendProblem } from "../problem.js";

type Schemas = Entitlements.components["schemas"];

export interface OperatorRoutesDeps {
  apiKeys: ApiKeyStore;
  eventLog: EventLog;
  processor: EventProcessor;
  reconciliationRuns: ReconciliationRunLog;
  clock: Clock;
}

/**
 * What the operator console needs beyond the product's reads: API keys, events still to apply and their
 * retry, reconciliation runs. All admin; mounted on the entitlements router after authentication and
 * validation, so parameters and bodies here are already checked against the spec.
 */
export function registerOperatorRoutes(
  router: Router,
  admin: RequestHandler,
  deps: OperatorRoutesDeps,
): void {
  router.get("/v1/api-keys", admin, async (_req, res) => {
    res.json({ items: (await deps.apiKeys.list()).map(toApiKeyBody) });
  });

  router.post("/v1/api-keys", admin, async (req, res) => {
    const input = req.body as Schemas["ApiKeyInput"];
    const { key, secret } = await createApiKey(deps.apiKeys, input, deps.clock.now());
    const { revokedAt: _, ...fields } = toApiKeyBody(key);
    res
      .status(201)
      .location(`/v1/api-keys/${key.id}`)
      .json({ ...fields, key: secret });
  });

  router.delete("/v1/api-keys/:apiKeyId", admin, async (req, res) => {
    const id = String(req.params.apiKeyId);
    if (!(await deps.apiKeys.revoke(id, deps.clock.now()))) {
      sendProblem(res, problem(404, "api-key-not-found", "Not Found", `No live API key ${id}.`));
      return;
    }
    res.status(204).end();
  });

  router.get("/v1/events", admin, async (req, res) => {
    const query = req.query as unknown as {
      status: string;
      marketplace?: string;
      limit?: number;
      cursor?: string;
    };
    const limit = Number(query.limit ?? 50);
    // One more than the page tells whether another page follows.
    const events = await deps.eventLog.listByStatus(
      {
        status: query.status as InboundEventStatus,
        ...(query.marketplace ? { marketplace: query.marketplace as Marketplace } : {}),
      },
      { limit: limit + 1, before: query.cursor ?? null },
    );
    const items = events.slice(0, limit);
    const last = items.at(-1);
    res.json({
      items: items.map(toEventBody),
      nextCursor: events.length > limit && last ? last.id : null,
    });
  });

  router.post("/v1/events/:eventId/retry", admin, async (req, res) => {
    const id = String(req.params.eventId);
    const outcome = await retryEvent(deps, id);
    switch (outcome.kind) {
      case "not_found":
        sendProblem(res, problem(404, "event-not-found", "Not Found", `No event ${id}.`));
        return;
      case "not_retryable":
        sendProblem(
          res,
          problem(409, "event-not-retryable", "Conflict", `Event ${id} is ${outcome.event.status}.`),
        );
        return;
      case "attempted":
        res.json(toEventBody(outcome.event));
        return;
    }
  });

  router.get("/v1/reconciliation-runs", admin, async (req, res) => {
    const limit = Number((req.query as { limit?: number }).limit ?? 50);
    res.json({ items: (await deps.reconciliationRuns.listRecent(limit)).map(toRunBody) });
  });
}

function toApiKeyBody(key: ApiKey): Schemas["ApiKey"] {
  return {
    id: key.id,
    name: key.name,
    scopes: key.scopes,
    marketplace: key.marketplace ?? null,
    createdAt: key.createdAt.toISOString(),
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

function toEventBody(event: InboundEvent): Schemas["EventSummary"] {
  return {
    id: event.id,
    marketplace: event.marketplace,
    source: event.source,
    type: event.eventType,
    accountId: event.accountId,
    receivedAt: event.receivedAt.toISOString(),
    status: event.status,
    applyError: event.applyError,
    applyAttempts: event.applyAttempts,
    nextAttemptAt: event.nextAttemptAt?.toISOString() ?? null,
  };
}

function toRunBody(run: ReconciliationRun): Schemas["ReconciliationRun"] {
  return {
    id: run.id,
    marketplace: run.marketplace,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt.toISOString(),
    outcome: run.outcome,
    plans: run.plans,
    accounts: run.accounts,
    drift: run.drift,
    failedRepairs: run.failedRepairs,
    error: run.error,
  };
}
