/**
 * Billing periods of marketplaces that renew silently. GitHub sends no webhook when a subscription renews, so
 * the period end its last event reported goes stale; the subscription stays active until a cancellation, and
 * the next billing date is that end moved forward by whole billing cycles.
 */

const MONTHS_PER_CYCLE: Record<string, number> = { monthly: 1, yearly: 12 };

/** `anchor` plus whole months, keeping its day of the month where the month has it (Jan 31 → Feb 28 → Mar 31). */
export function addMonths(anchor: Date, months: number): Date {
  const target = new Date(anchor.getTime());
  target.setUTCDate(1);
  target.setUTCMonth(anchor.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(anchor.getUTCDate(), lastDay));
  return target;
}

/**
 * The first period end after `now`, counted in whole `billingCycle`s from `periodEnd`; `periodEnd` itself
 * while it is still ahead, or when the cycle is not one we can count (null, unknown).
 */
export function rollForward(periodEnd: Date, billingCycle: string | null, now: Date): Date {
  const step = billingCycle ? MONTHS_PER_CYCLE[billingCycle.toLowerCase()] : undefined;
  if (step === undefined || periodEnd > now) {
    return periodEnd;
  }
  // Jump close with month arithmetic, then step: never more than a couple of iterations.
  const monthsBehind =
    (now.getUTCFullYear() - periodEnd.getUTCFullYear()) * 12 + (now.getUTCMonth() - periodEnd.getUTCMonth());
  let cycles = Math.max(1, Math.floor(monthsBehind / step));
  let next = addMonths(periodEnd, cycles * step);
  while (next <= now) {
    cycles += 1;
    next = addMonths(periodEnd, cycles * step);
  }
  while (cycles > 1 && addMonths(periodEnd, (cycles - 1) * step) > now) {
    cycles -= 1;
    next = addMonths(periodEnd, cycles * step);
  }
  return next;
}
