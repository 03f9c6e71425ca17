import type { ObservedPlan } from "../plans/plan.js";
import type { Subscription } from "../subscriptions/subscription.js";
import type { Addon, ChargedSum, EvotorInstallationEvent, EvotorSubscriptionEvent } from "./evotor-events.js";
import { addDuration, DAY_MS, isZeroDuration } from "./evotor-time.js";

/** After a period ends Evotor tries to charge once a day for this many days before terminating. */
export const PAYMENT_RETRY_DAYS = 5;

/** A parsed event with its position in the event log (arrival order, used only to break ties). */
export interface LoggedEvotorEvent<E = EvotorSubscriptionEvent | EvotorInstallationEvent> {
  logId: string;
  event: E;
}

export interface FoldState {
  subscriptionId: string;
  userId: string;
  productId: string | null;
  planId: string | null;
  units: number | null;
  startedAt: Date | null;
  trialEndsAt: Date | null;
  currentPeriodEnd: Date | null;
  lapsesAt: Date | null;
  endsAt: Date | null;
  activatedAt: Date | null;
  terminationRequestedAt: Date | null;
  terminatedAt: Date | null;
  /** When a terminated subscription came back (a renewal on the same subscriptionId), latest first kept. */
  reactivatedAt: Date | null;
  reactivations: number;
  addons: Addon[];
  lastCharge: (ChargedSum & { at: string }) | null;
  lastSequenceNumber: number;
  lastEventType: string | null;
  lastLogId: string | null;
  ignoredEventTypes: string[];
  /** The first sequence numbers below the highest one that have not arrived (yet), at most MISSING_LISTED. */
  missingSequenceNumbers: number[];
  /** How many sequence numbers below the highest one have not arrived: arithmetic, not a list. */
  missingSequenceCount: number;
}

/** Missing sequence numbers listed in `details`; the count says how many there are in all. */
export const MISSING_LISTED = 20;

const graceAfter = (date: Date) => new Date(date.getTime() + PAYMENT_RETRY_DAYS * DAY_MS);

function bySequence(
  a: LoggedEvotorEvent<EvotorSubscriptionEvent>,
  b: LoggedEvotorEvent<EvotorSubscriptionEvent>,
) {
  return a.event.sequenceNumber - b.event.sequenceNumber || compareLogIds(a.logId, b.logId);
}

function compareLogIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Folds one subscription's events in `sequenceNumber` order, whatever order they arrived in. Pure: the same
 * events always give the same facts (status is derived from them at read time, see subscription-status.ts).
 */
export function foldSubscription(events: LoggedEvotorEvent<EvotorSubscriptionEvent>[]): FoldState | null {
  let state: FoldState | null = null;
  for (const logged of [...events].sort(bySequence)) {
    if (state !== null && logged.event.sequenceNumber === state.lastSequenceNumber) {
      continue; // the log dedupes on (subscriptionId, sequenceNumber); this only guards a hand-made input
    }
    state = stepSubscription(state, logged);
  }
  return state;
}

/** True when `logged` sorts after every event folded into `state`, so it can be stepped onto it. */
export function followsSubscription(
  state: FoldState | undefined,
  logged: LoggedEvotorEvent<EvotorSubscriptionEvent>,
): boolean {
  return state === undefined || logged.event.sequenceNumber > state.lastSequenceNumber;
}

/** One step: the subscription after `logged`, whose sequence number is above every one folded so far. */
export function stepSubscription(
  current: FoldState | null,
  { logId, event }: LoggedEvotorEvent<EvotorSubscriptionEvent>,
): FoldState {
  const state: FoldState = current ?? {
    subscriptionId: event.subscriptionId,
    userId: event.userId,
    productId: null,
    planId: null,
    units: null,
    startedAt: null,
    trialEndsAt: null,
    currentPeriodEnd: null,
    lapsesAt: null,
    endsAt: null,
    activatedAt: null,
    terminationRequestedAt: null,
    terminatedAt: null,
    reactivatedAt: null,
    reactivations: 0,
    addons: [],
    lastCharge: null,
    lastSequenceNumber: 0,
    lastEventType: null,
    lastLogId: null,
    ignoredEventTypes: [],
    missingSequenceNumbers: [],
    missingSequenceCount: 0,
  };
  // Sequence numbers skipped between the last folded event and this one have not arrived (yet): counted by
  // arithmetic and listed up to MISSING_LISTED, so the work never grows with the values a sender put in them.
  const expected = state.lastSequenceNumber + 1;
  if (event.sequenceNumber > expected) {
    state.missingSequenceCount += event.sequenceNumber - expected;
    for (
      let gap = expected;
      gap < event.sequenceNumber && state.missingSequenceNumbers.length < MISSING_LISTED;
      gap += 1
    ) {
      state.missingSequenceNumbers.push(gap);
    }
  }
  state.productId = event.productId ?? state.productId;
  state.startedAt ??= event.timestamp;
  // Evotor's lifecycle lets a terminated subscription come back on the same subscriptionId: a renewal (or
  // activation) after a termination is a paid period again. Anything else after a termination leaves access
  // ended (Evotor may instead start a new subscription on reinstall; that one folds on its own).
  if (
    state.terminatedAt !== null &&
    (event.type === "SubscriptionRenewed" || event.type === "SubscriptionActivated")
  ) {
    state.terminatedAt = null;
    state.reactivatedAt = event.timestamp;
    // A state saved before this field existed (a fold checkpoint) counts from zero.
    state.reactivations = (state.reactivations ?? 0) + 1;
  }
  if (state.terminatedAt === null) {
    applyEvent(state, event);
  } else if (event.type === "AddonsUpdated" && event.addons) {
    state.addons = event.addons;
  }
  state.lastSequenceNumber = event.sequenceNumber;
  state.lastEventType = event.type;
  state.lastLogId = logId;
  return state;
}

function setPeriodEnd(state: FoldState, end: Date): void {
  state.currentPeriodEnd = end;
  state.lapsesAt = graceAfter(end);
  if (state.terminationRequestedAt !== null) {
    state.endsAt = end;
  }
}

function recordCharge(state: FoldState, event: EvotorSubscriptionEvent): void {
  if (event.chargedSum) {
    state.lastCharge = { ...event.chargedSum, at: event.timestamp.toISOString() };
  }
}

function applyEvent(state: FoldState, event: EvotorSubscriptionEvent): void {
  switch (event.type) {
    case "SubscriptionCreated": {
      state.planId = event.planId ?? state.planId;
      state.units = event.deviceNumber ?? state.units;
      state.startedAt = event.timestamp;
      if (event.trialPeriod && !isZeroDuration(event.trialPeriod)) {
        // The trial is the first period: billing (and, failing it, the payment retries) starts at its end.
        state.trialEndsAt = addDuration(event.timestamp, event.trialPeriod);
        setPeriodEnd(state, state.trialEndsAt);
      } else {
        // No trial: payment follows; until it does, access lasts as long as Evotor keeps trying to charge.
        state.trialEndsAt = null;
        state.currentPeriodEnd = null;
        state.lapsesAt = graceAfter(event.timestamp);
      }
      break;
    }
    case "SubscriptionActivated":
    case "SubscriptionRenewed": {
      if (event.type === "SubscriptionActivated") {
        state.activatedAt = event.timestamp;
      }
      if (state.trialEndsAt && state.trialEndsAt > event.timestamp) {
        state.trialEndsAt = event.timestamp; // paid before the trial ran out: the trial is over
      }
      // A renewal after a termination request resumes the subscription (Evotor does this on a reinstall
      // within the paid period: TerminationRequested, Renewed, TermsChanged).
      state.terminationRequestedAt = null;
      state.endsAt = null;
      if (event.nextBillingDate) {
        setPeriodEnd(state, event.nextBillingDate);
      }
      recordCharge(state, event);
      break;
    }
    case "SubscriptionTermsChanged": {
      if (event.planId !== undefined && event.planId !== null) {
        state.planId = event.planId;
      }
      if (event.deviceNumber !== undefined && event.deviceNumber !== null) {
        state.units = event.deviceNumber;
      }
      if (event.nextBillingDate) {
        if (state.activatedAt === null && state.trialEndsAt !== null) {
          state.trialEndsAt = event.nextBillingDate;
        }
        setPeriodEnd(state, event.nextBillingDate);
      }
      recordCharge(state, event);
      break;
    }
    case "SubscriptionTerminationRequested": {
      // Access continues until the end of what was paid (or of the trial).
      state.terminationRequestedAt = event.timestamp;
      state.endsAt = state.currentPeriodEnd ?? state.trialEndsAt ?? event.timestamp;
      break;
    }
    case "SubscriptionTerminated":
    case "SubscriptionCancelled": {
      state.terminatedAt = event.timestamp;
      state.endsAt = state.endsAt && state.endsAt < event.timestamp ? state.endsAt : event.timestamp;
      break;
    }
    case "AddonsUpdated": {
      state.addons = event.addons ?? state.addons;
      break;
    }
    default:
      // A short list: a sender inventing types cannot grow the details without bound.
      if (!state.ignoredEventTypes.includes(event.type) && state.ignoredEventTypes.length < MISSING_LISTED) {
        state.ignoredEventTypes = [...state.ignoredEventTypes, event.type];
      }
  }
}

/** Which subscription an installation event is about: the newest of that product started by then. */
function installationTarget(states: FoldState[], event: EvotorInstallationEvent): FoldState | undefined {
  const candidates = states
    .filter(
      (state) => state.productId === null || event.productId === null || state.productId === event.productId,
    )
    .sort((a, b) => (a.startedAt?.getTime() ?? 0) - (b.startedAt?.getTime() ?? 0));
  // Installed follows Created within moments; allow a day of clock skew between Evotor's services.
  const startedBefore = candidates.filter(
    (state) => (state.startedAt?.getTime() ?? 0) <= event.timestamp.getTime() + DAY_MS,
  );
  return startedBefore.at(-1) ?? candidates[0];
}

/** An Evotor user's fold: each subscription's state, and the installation events (placed when read). */
export interface EvotorFoldState {
  subscriptions: Record<string, FoldState>;
  installations: LoggedEvotorEvent<EvotorInstallationEvent>[];
}

/**
 * The order a full fold steps through a user's events: each subscription's events by sequence number (the
 * subscriptions are independent of each other), installation events after them.
 */
export function compareEvotorEvents(a: LoggedEvotorEvent, b: LoggedEvotorEvent): number {
  if (a.event.kind === "subscription" && b.event.kind === "subscription") {
    return (
      (a.event.subscriptionId < b.event.subscriptionId
        ? -1
        : a.event.subscriptionId > b.event.subscriptionId
          ? 1
          : 0) ||
      a.event.sequenceNumber - b.event.sequenceNumber ||
      compareLogIds(a.logId, b.logId)
    );
  }
  if (a.event.kind !== b.event.kind) {
    return a.event.kind === "subscription" ? -1 : 1;
  }
  return compareLogIds(a.logId, b.logId);
}

export function followsEvotorFold(state: EvotorFoldState, logged: LoggedEvotorEvent): boolean {
  // Installation events are placed among the subscriptions when the state is read: any order will do.
  return (
    logged.event.kind !== "subscription" ||
    followsSubscription(
      state.subscriptions[logged.event.subscriptionId],
      logged as LoggedEvotorEvent<EvotorSubscriptionEvent>,
    )
  );
}

export function stepEvotorFold(state: EvotorFoldState, logged: LoggedEvotorEvent): EvotorFoldState {
  if (logged.event.kind === "subscription") {
    const id = logged.event.subscriptionId;
    state.subscriptions[id] = stepSubscription(
      state.subscriptions[id] ?? null,
      logged as LoggedEvotorEvent<EvotorSubscriptionEvent>,
    );
  } else {
    state.installations.push(logged as LoggedEvotorEvent<EvotorInstallationEvent>);
  }
  return state;
}

/**
 * Folds every event of one Evotor user into its subscriptions (one per `subscriptionId`). Installation
 * events are facts kept in `details.installation`; they do not change access.
 */
export function foldEvotorAccount(events: LoggedEvotorEvent[], updatedAt: Date): Subscription[] {
  const state: EvotorFoldState = { subscriptions: {}, installations: [] };
  const bySubscription = new Map<string, LoggedEvotorEvent<EvotorSubscriptionEvent>[]>();
  for (const logged of events) {
    if (logged.event.kind === "subscription") {
      const list = bySubscription.get(logged.event.subscriptionId) ?? [];
      list.push(logged as LoggedEvotorEvent<EvotorSubscriptionEvent>);
      bySubscription.set(logged.event.subscriptionId, list);
    } else {
      state.installations.push(logged as LoggedEvotorEvent<EvotorInstallationEvent>);
    }
  }
  for (const [id, list] of bySubscription) {
    const folded = foldSubscription(list);
    if (folded) {
      state.subscriptions[id] = folded;
    }
  }
  return evotorSubscriptions(state, updatedAt);
}

/** The user's subscriptions from a fold state, with the installation facts placed on them. */
export function evotorSubscriptions(fold: EvotorFoldState, updatedAt: Date): Subscription[] {
  const states = Object.values(fold.subscriptions).sort((a, b) =>
    a.subscriptionId < b.subscriptionId ? -1 : a.subscriptionId > b.subscriptionId ? 1 : 0,
  );

  const installationFacts = new Map<FoldState, Record<string, unknown>>();
  // Two events sent in the same millisecond are ordered by their own id, not by arrival, so every arrival
  // order gives the same facts.
  const orderedInstallations = [...fold.installations].sort(
    (a, b) =>
      a.event.timestamp.getTime() - b.event.timestamp.getTime() ||
      (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0) ||
      compareLogIds(a.logId, b.logId),
  );
  for (const { event } of orderedInstallations) {
    const target = installationTarget(states, event);
    if (!target) {
      continue;
    }
    const fact = installationFacts.get(target) ?? {};
    if (event.type === "ApplicationInstalled") {
      fact.installedAt = event.timestamp.toISOString();
      fact.installed = true;
    } else if (event.type === "ApplicationUninstalled") {
      fact.uninstalledAt = event.timestamp.toISOString();
      fact.installed = false;
    }
    fact.lastEventId = event.id;
    installationFacts.set(target, fact);
  }

  return states.map((state) => toSubscription(state, installationFacts.get(state) ?? null, updatedAt));
}

function toSubscription(
  state: FoldState,
  installation: Record<string, unknown> | null,
  updatedAt: Date,
): Subscription {
  const missing = state.missingSequenceNumbers;
  return {
    marketplace: "evotor",
    accountId: state.userId,
    subscriptionId: state.subscriptionId,
    planId: state.planId,
    planName: null,
    units: state.units,
    billingCycle: null,
    startedAt: state.startedAt,
    trialEndsAt: state.trialEndsAt,
    currentPeriodEnd: state.currentPeriodEnd,
    lapsesAt: state.lapsesAt,
    endsAt: state.endsAt,
    pendingChange: null,
    // Evotor only sends subscription events for users it bills (hasBilling: false).
    billedBy: "marketplace",
    details: {
      productId: state.productId,
      addons: state.addons,
      lastCharge: state.lastCharge,
      activatedAt: state.activatedAt?.toISOString() ?? null,
      terminationRequestedAt: state.terminationRequestedAt?.toISOString() ?? null,
      terminatedAt: state.terminatedAt?.toISOString() ?? null,
      ...(state.reactivations > 0
        ? { reactivatedAt: state.reactivatedAt?.toISOString() ?? null, reactivations: state.reactivations }
        : {}),
      lastSequenceNumber: state.lastSequenceNumber,
      lastEventType: state.lastEventType,
      ...(state.ignoredEventTypes.length > 0 ? { ignoredEventTypes: state.ignoredEventTypes } : {}),
      ...(missing.length > 0
        ? { missingSequenceNumbers: missing, missingSequenceCount: state.missingSequenceCount }
        : {}),
      installation,
    },
    lastEventId: state.lastLogId,
    updatedAt,
  };
}

/** Every plan the events mention, for the plan catalogue. */
export function plansSeen(events: LoggedEvotorEvent[]): ObservedPlan[] {
  const plans = new Map<string, ObservedPlan>();
  for (const { event } of events) {
    if (event.kind !== "subscription" || typeof event.planId !== "string") {
      continue;
    }
    const hasFreeTrial =
      event.type === "SubscriptionCreated"
        ? event.trialPeriod !== null && event.trialPeriod !== undefined && !isZeroDuration(event.trialPeriod)
        : null;
    const known = plans.get(event.planId);
    if (known && known.seenAt >= event.timestamp && (known.hasFreeTrial !== null || hasFreeTrial === null)) {
      continue;
    }
    plans.set(event.planId, {
      marketplace: "evotor",
      planId: event.planId,
      name: null,
      description: null,
      priceModel: null,
      monthlyPriceCents: null,
      yearlyPriceCents: null,
      unitName: "device",
      hasFreeTrial: hasFreeTrial ?? known?.hasFreeTrial ?? null,
      bullets: [],
      seenAt: known && known.seenAt > event.timestamp ? known.seenAt : event.timestamp,
    });
  }
  return [...plans.values()];
}
