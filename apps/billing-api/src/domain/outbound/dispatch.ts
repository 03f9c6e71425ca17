import type { Clock } from "../time/clock.js";
import { DELIVERY_TIMEOUT_MS, FAILING_ENDPOINT_LIMIT_MS, judgeAttempt } from "./delivery-policy.js";
import type { AttemptRecord, ClaimedDelivery, DeliveryQueue } from "./delivery-queue.js";
import type { WebhookAttempt } from "./webhook-endpoints.js";

/** Sends one signed request; never throws (a failure is an attempt without a status code). */
export interface WebhookSender {
  send(request: {
    url: string;
    webhookId: string;
    body: string;
    secrets: readonly string[];
    at: Date;
    timeoutMs: number;
  }): Promise<{ statusCode: number | null; error: string | null }>;
}

export interface DispatchDeps {
  queue: DeliveryQueue;
  sender: WebhookSender;
  clock: Clock;
  random: () => number;
  /** Told when an endpoint is disabled (410, or failing for 5 days), so operators hear of it. */
  endpointDisabled(endpoint: { id: string; url: string }, reason: "gone" | "failing"): void;
}

/** A claim outlives the attempt's timeout with room to record it. */
const LEASE_MS = DELIVERY_TIMEOUT_MS * 6;

/** Claims due deliveries and attempts them concurrently; returns how many were attempted. */
export async function dispatchDue(deps: DispatchDeps, limit = 25): Promise<number> {
  const now = deps.clock.now();
  const claimed = await deps.queue.claimDue(now, limit, new Date(now.getTime() + LEASE_MS));
  await Promise.all(claimed.map((delivery) => attempt(deps, delivery)));
  return claimed.length;
}

async function attempt(deps: DispatchDeps, delivery: ClaimedDelivery): Promise<void> {
  const started = deps.clock.now();
  const startedMs = performance.now();
  const answer = await deps.sender.send({
    url: delivery.endpoint.url,
    webhookId: `evt_${delivery.eventId}`,
    body: delivery.body,
    secrets: delivery.secrets,
    at: started,
    timeoutMs: DELIVERY_TIMEOUT_MS,
  });
  const record: WebhookAttempt = {
    at: started,
    statusCode: answer.statusCode,
    error: answer.error,
    durationMs: Math.max(0, Math.round(performance.now() - startedMs)),
  };
  const now = deps.clock.now();
  const verdict = judgeAttempt({
    statusCode: answer.statusCode,
    failures: delivery.failures + 1,
    eventWrittenAt: delivery.eventWrittenAt,
    now,
    random: deps.random(),
  });
  let outcome: AttemptRecord;
  if (verdict.kind === "endpoint_gone") {
    outcome = { kind: "disable_endpoint", reason: "gone" };
  } else if (
    verdict.kind !== "succeeded" &&
    delivery.endpoint.failingSince !== null &&
    now.getTime() - delivery.endpoint.failingSince.getTime() >= FAILING_ENDPOINT_LIMIT_MS
  ) {
    outcome = { kind: "disable_endpoint", reason: "failing" };
  } else {
    outcome = verdict;
  }
  await deps.queue.record(delivery, record, outcome);
  if (outcome.kind === "disable_endpoint") {
    deps.endpointDisabled(delivery.endpoint, outcome.reason);
  }
}
