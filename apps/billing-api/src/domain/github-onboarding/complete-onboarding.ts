import { randomBytes } from "node:crypto";
import { appendRepair, type RepairDeps } from "../github/append-repair.js";
import { repairsForListedAccount } from "../github/detect-drift.js";
import type { GithubUserApi } from "../github/github-api.js";
import { fromUserPurchase } from "../github/observed-purchase.js";
import { normalizePriceModel } from "../github/price-model.js";
import type { PlanNumbers } from "../plans/plan.js";
import type { Sealer } from "../security/sealer.js";
import type { SubscriptionStore } from "../subscriptions/subscription-store.js";
import type { Clock } from "../time/clock.js";
import { hashOnboardingCode } from "./exchange-onboarding-code.js";
import type { GithubUserDirectory, LinkedAccount } from "./github-user-directory.js";
import type { OnboardingCodes } from "./onboarding-codes.js";

/** How long the vendor's product has to exchange the code from its redirect. */
export const ONBOARDING_CODE_TTL_MS = 5 * 60 * 1000;

export interface CompleteOnboardingDeps extends RepairDeps {
  github: GithubUserApi;
  users: GithubUserDirectory;
  codes: OnboardingCodes;
  subscriptions: SubscriptionStore;
  tokenBox: Sealer;
  clock: Clock;
  /** Keeps the plan numbers the purchases show (upgrade URLs). */
  planNumbers?: PlanNumbers;
}

export interface CompletedOnboarding {
  onboardingCode: string;
  githubUser: { id: string; login: string };
  accounts: LinkedAccount[];
  /** Purchases the webhook had not delivered yet, provisioned from GitHub's answer. */
  provisioned: number;
}

/**
 * Steps 3 and 4 of a new purchase, once the OAuth state is checked: token, user, purchases; record which
 * accounts belong to the user; provision any purchase our log does not show yet (source `onboarding`, through
 * the same fold, so the webhook arriving later is the same purchase, not a second one); issue the code.
 * GitHub errors propagate as GithubApiError for the HTTP layer to explain.
 */
export async function completeOnboarding(
  deps: CompleteOnboardingDeps,
  code: string,
): Promise<CompletedOnboarding> {
  const token = await deps.github.exchangeCode(code);
  const user = await deps.github.getUser(token);
  const purchases = (await deps.github.listPurchases(token)).map(fromUserPurchase);
  const now = deps.clock.now();
  const userId = String(user.id);

  await deps.users.saveUser({ id: userId, login: user.login, sealedToken: deps.tokenBox.seal(token) }, now);
  const accounts: LinkedAccount[] = purchases.map((purchase) => ({
    accountId: String(purchase.account.id),
    login: purchase.account.login ?? null,
    type: purchase.account.type ?? null,
    planId: String(purchase.plan.id),
    planName: purchase.plan.name ?? null,
    priceModel: normalizePriceModel(purchase.plan.price_model),
    billingCycle: purchase.billingCycle,
    unitCount: purchase.unitCount,
    onFreeTrial: purchase.onFreeTrial,
  }));
  if (!accounts.some((account) => account.accountId === userId)) {
    accounts.unshift({
      accountId: userId,
      login: user.login,
      type: user.type ?? "User",
      planId: null,
      planName: null,
      priceModel: null,
      billingCycle: null,
      unitCount: null,
      onFreeTrial: false,
    });
  }
  await deps.users.replaceAccounts(userId, accounts, now);
  await deps.planNumbers?.recordNumbers(
    "github",
    purchases
      .filter((purchase) => typeof purchase.plan.number === "number")
      .map((purchase) => ({
        planId: String(purchase.plan.id),
        name: purchase.plan.name ?? null,
        number: purchase.plan.number as number,
      })),
    now,
  );

  let provisioned = 0;
  for (const purchase of purchases) {
    const [current] = await deps.subscriptions.findByAccount("github", String(purchase.account.id));
    const [missed] = repairsForListedAccount(purchase, current ?? null, now, "onboarding");
    // Only a purchase the log does not show; changes to a known subscription are reconciliation's to repair.
    if (missed?.kind === "missed_purchase") {
      await appendRepair(deps, missed, "onboarding");
      provisioned += 1;
    }
  }

  const onboardingCode = randomBytes(32).toString("base64url");
  await deps.codes.issue({
    codeHash: hashOnboardingCode(onboardingCode),
    githubUserId: userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ONBOARDING_CODE_TTL_MS),
  });
  return { onboardingCode, githubUser: { id: userId, login: user.login }, accounts, provisioned };
}
