import type { GithubMarketplace } from "@marketplace-billing/contracts";
import express, { type Request, type RequestHandler, Router } from "express";
import type { InboundEventDraft } from "../../domain/events/inbound-event.js";
import type { Receipt, ReceiveMode } from "../../domain/events/receive-event.js";
import { isPurchaseEventType, purchaseEventType } from "../../domain/github/purchase-event.js";
import type { Clock } from "../../domain/time/clock.js";
import { BODY_LIMIT_BYTES } from "../body-parsers.js";
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from "../json-guard.js";
import { openApiValidator } from "../openapi-validation.js";
import { problem, sendProblem } from "../problem.js";
import { problemErrorHandler } from "../problem-error-handler.js";
import { hasInexactId } from "./exact-ids.js";
import { verifySignature } from "./webhook-signature.js";

type DeliveryReceipt = GithubMarketplace.components["schemas"]["DeliveryReceipt"];

export const GITHUB_WEBHOOK_PATHS = ["/webhooks/github"] as const;

/** Delivery headers worth keeping with the event; signatures are verified, not stored. */
const STORED_HEADERS = [
  "x-github-event",
  "x-github-delivery",
  "x-github-hook-id",
  "x-github-hook-installation-target-type",
  "x-github-hook-installation-target-id",
  "user-agent",
  "content-type",
];

export interface GithubWebhookDeps {
  secrets: readonly string[];
  receive: (draft: InboundEventDraft, mode: ReceiveMode) => Promise<Receipt>;
  clock: Clock;
  validateResponses: boolean;
}

/**
 * `POST /webhooks/github` (specs/github-marketplace.yaml). The order matters: read the raw bytes (size-limited),
 * verify the signature over exactly those bytes, only then parse (JSON or the form's `payload` field) and
 * validate against the spec, store, and answer; the apply workers apply it right after.
 */
export function githubWebhookRouter(deps: GithubWebhookDeps): Router {
  const router = Router();
  router.use(express.raw({ type: () => true, limit: BODY_LIMIT_BYTES }));
  router.use(requireSignature(deps.secrets));
  router.use(parseDelivery);
  router.use(openApiValidator("github-marketplace", { validateResponses: deps.validateResponses }));

  router.post("/webhooks/github", async (req, res) => {
    const name = req.header("x-github-event") ?? "";
    const deliveryId = req.header("x-github-delivery") ?? "";
    const payload = req.body as Record<string, unknown>;
    const action = typeof payload.action === "string" ? payload.action : undefined;

    if (
      name === "marketplace_purchase" &&
      (action === undefined || typeof payload.marketplace_purchase !== "object")
    ) {
      sendProblem(
        res,
        problem(
          400,
          "validation",
          "Bad Request",
          "A marketplace_purchase delivery needs `action` and `marketplace_purchase`.",
        ),
      );
      return;
    }
    const eventType =
      name === "marketplace_purchase" && action
        ? purchaseEventType(action)
        : action
          ? `${name}.${action}`
          : name;
    const accountId = isPurchaseEventType(eventType)
      ? String(
          (payload as unknown as GithubMarketplace.components["schemas"]["MarketplacePurchaseEvent"])
            .marketplace_purchase.account.id,
        )
      : null;

    const { event, duplicate, conflict, status } = await deps.receive(
      {
        marketplace: "github",
        source: "webhook",
        eventType,
        dedupeKey: deliveryId,
        // The same signed body replayed under a new X-GitHub-Delivery is the same delivery.
        dedupeOnBody: true,
        accountId,
        headers: pickHeaders(req),
        rawBody: req.rawBody ?? new Uint8Array(),
        payload,
        receivedAt: deps.clock.now(),
      },
      "enqueue",
    );

    const receipt = (answer: DeliveryReceipt["status"]): DeliveryReceipt => ({
      deliveryId,
      event: eventType,
      status: answer,
    });
    if (duplicate) {
      req.log.info({ deliveryId, eventType, eventId: event.id }, "redelivery of a stored GitHub delivery");
      res.status(200).json(receipt("duplicate"));
      return;
    }
    if (conflict) {
      // Stored (2xx), logged at warn and counted by the event log's observer, never applied.
      res.status(200).json(receipt("conflict"));
      return;
    }
    if (name === "ping") {
      req.log.info({ deliveryId, hookId: payload.hook_id, zen: payload.zen }, "GitHub ping received");
    }
    req.log.info({ deliveryId, eventType, eventId: event.id, status }, "GitHub delivery stored");
    // Committed to the log: GitHub is answered now, and the apply workers take it from here.
    if (status === "ignored") {
      res.status(200).json(receipt("ignored"));
      return;
    }
    res.status(202).json(receipt("queued"));
  });

  router.use(problemErrorHandler);
  return router;
}

function requireSignature(secrets: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verifySignature(secrets, body, req.header("x-hub-signature-256"))) {
      req.log.warn(
        { deliveryId: req.header("x-github-delivery") },
        "GitHub delivery with a missing or wrong signature",
      );
      sendProblem(
        res,
        problem(
          401,
          "unauthorized",
          "Unauthorized",
          "X-Hub-Signature-256 is missing or does not match the webhook secret.",
        ),
      );
      return;
    }
    req.rawBody = body;
    next();
  };
}

/** Turns the verified bytes into the JSON payload, whichever content type GitHub was configured with. */
const parseDelivery: RequestHandler = (req, res, next) => {
  const raw = req.rawBody ?? Buffer.alloc(0);
  const form = req.is("application/x-www-form-urlencoded");
  let text = raw.toString("utf8");
  if (form) {
    const payload = new URLSearchParams(text).get("payload");
    if (payload === null) {
      sendProblem(
        res,
        problem(400, "validation", "Bad Request", "A form-encoded delivery needs a `payload` field."),
      );
      return;
    }
    text = payload;
  } else if (!req.is("application/json")) {
    sendProblem(
      res,
      problem(
        415,
        "unsupported-media-type",
        "Unsupported Media Type",
        "Send application/json or application/x-www-form-urlencoded.",
      ),
    );
    return;
  }
  if (jsonNestsDeeperThan(Buffer.from(text))) {
    sendProblem(
      res,
      problem(
        400,
        "malformed-body",
        "Bad Request",
        `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels.`,
      ),
    );
    return;
  }
  try {
    req.body = JSON.parse(text);
  } catch {
    sendProblem(res, problem(400, "malformed-body", "Bad Request", "The request body is not valid JSON."));
    return;
  }
  if (hasInexactId(text)) {
    sendProblem(
      res,
      problem(
        400,
        "validation",
        "Bad Request",
        "An `id` is an integer beyond 2^53, which cannot be kept exactly.",
      ),
    );
    return;
  }
  if (typeof req.body !== "object" || req.body === null || Array.isArray(req.body)) {
    sendProblem(res, problem(400, "validation", "Bad Request", "The payload must be a JSON object."));
    return;
  }
  // From here on the payload is JSON whatever the wire format was, and is validated as such.
  req.headers["content-type"] = "application/json";
  next();
};

function pickHeaders(req: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    const value = req.header(name);
    if (value !== undefined) {
      headers[name] = value;
    }
  }
  return headers;
}
