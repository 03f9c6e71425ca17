import { GithubAccountLinkEntity } from "./github-account-link.entity.js";
import { GithubOAuthStateNonceEntity } from "./github-oauth-state-nonce.entity.js";
import { GithubOnboardingCodeEntity } from "./github-onboarding-code.entity.js";
import { GithubUserEntity } from "./github-user.entity.js";
import { InboundEventEntity } from "./inbound-event.entity.js";
import { PlanEntity } from "./plan.entity.js";
import { SubscriptionEntity } from "./subscription.entity.js";

/** Every entity, listed explicitly: globs do not load .ts files inside vitest. */
export const entities = [
  InboundEventEntity,
  SubscriptionEntity,
  PlanEntity,
  GithubUserEntity,
  GithubAccountLinkEntity,
  GithubOnboardingCodeEntity,
  GithubOAuthStateNonceEntity,
];
