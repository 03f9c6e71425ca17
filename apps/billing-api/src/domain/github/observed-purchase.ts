import type {
  GithubListingAccount,
  GithubListingPlan,
  GithubUserPurchase,
  MarketplacePlan,
  MarketplacePurchase,
} from "@marketplace-billing/contracts";

/**
 * A purchase as GitHub's REST API shows it, from either endpoint: `/user/marketplace_purchases` nests the
 * account, `/marketplace_listing/plans/{id}/accounts` flattens it and adds the pending change.
 */
export interface ObservedPurchase {
  account: MarketplacePurchase["account"];
  billingCycle: string | null;
  nextBillingDate: string | null;
  unitCount: number | null;
  onFreeTrial: boolean;
  freeTrialEndsOn: string | null;
  updatedAt: string | null;
  plan: GithubListingPlan;
  pendingChange: { effectiveDate: string; unitCount: number | null; plan: GithubListingPlan } | null;
}

export function fromUserPurchase(purchase: GithubUserPurchase): ObservedPurchase {
  return {
    account: {
      id: purchase.account.id,
      type: purchase.account.type,
      login: purchase.account.login,
      node_id: purchase.account.node_id,
      organization_billing_email: purchase.account.organization_billing_email ?? null,
    },
    ...purchaseTerms(purchase),
    pendingChange: null,
  };
}

export function fromListingAccount(account: GithubListingAccount): ObservedPurchase {
  const purchase = account.marketplace_purchase;
  const pending = account.marketplace_pending_change ?? null;
  return {
    account: {
      id: account.id,
      type: account.type,
      login: account.login,
      organization_billing_email: account.organization_billing_email ?? null,
    },
    ...purchaseTerms(purchase),
    pendingChange:
      pending?.plan !== undefined && pending.effective_date !== undefined
        ? { effectiveDate: pending.effective_date, unitCount: pending.unit_count ?? null, plan: pending.plan }
        : null,
  };
}

/** The terms both endpoints report the same way (the one listing them per plan nests them one level down). */
function purchaseTerms(
  purchase: GithubUserPurchase | GithubListingAccount["marketplace_purchase"],
): Omit<ObservedPurchase, "account" | "pendingChange"> {
  return {
    billingCycle: purchase.billing_cycle ?? null,
    nextBillingDate: purchase.next_billing_date ?? null,
    unitCount: purchase.unit_count ?? null,
    onFreeTrial: purchase.on_free_trial === true,
    freeTrialEndsOn: purchase.free_trial_ends_on ?? null,
    updatedAt: purchase.updated_at ?? null,
    plan: purchase.plan,
  };
}

/** The webhook's `marketplace_purchase` object for what the API showed, so the fold reads it like a delivery. */
export function toWebhookPurchase(observed: ObservedPurchase): MarketplacePurchase {
  return {
    account: observed.account,
    billing_cycle: observed.billingCycle,
    unit_count: observed.unitCount,
    on_free_trial: observed.onFreeTrial,
    free_trial_ends_on: observed.freeTrialEndsOn,
    next_billing_date: observed.nextBillingDate,
    plan: toWebhookPlan(observed.plan),
  };
}

export function toWebhookPlan(plan: GithubListingPlan): MarketplacePlan {
  return {
    id: plan.id,
    name: plan.name,
    description: plan.description,
    monthly_price_in_cents: plan.monthly_price_in_cents ?? null,
    yearly_price_in_cents: plan.yearly_price_in_cents ?? null,
    price_model: plan.price_model ?? null,
    has_free_trial: plan.has_free_trial ?? null,
    unit_name: plan.unit_name ?? null,
    bullets: plan.bullets ?? [],
  };
}
