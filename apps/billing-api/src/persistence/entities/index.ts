import { AccountFoldEntity } from "./account-fold.entity.js";
import { ApiKeyEntity } from "./api-key.entity.js";
import { CustomerEntity } from "./customer.entity.js";
import { CustomerLinkEntity } from "./customer-link.entity.js";
import { EntitlementWatchEntity } from "./entitlement-watch.entity.js";
import { EvotorUserEntity } from "./evotor-user.entity.js";
import { EvotorVerifyThrottleEntity } from "./evotor-verify-throttle.entity.js";
import { GithubAccountLinkEntity } from "./github-account-link.entity.js";
import { GithubOAuthStateNonceEntity } from "./github-oauth-state-nonce.entity.js";
import { GithubOnboardingCodeEntity } from "./github-onboarding-code.entity.js";
import { GithubUserEntity } from "./github-user.entity.js";
import { InboundEventEntity } from "./inbound-event.entity.js";
import { OutboundEventEntity } from "./outbound-event.entity.js";
import { PlanEntity } from "./plan.entity.js";
import { PlanMappingVersionEntity } from "./plan-mapping-version.entity.js";
import { ReconciliationRunEntity } from "./reconciliation-run.entity.js";
import { RedactionEntity } from "./redaction.entity.js";
import { SeatEntity } from "./seat.entity.js";
import { SubscriptionEntity } from "./subscription.entity.js";
import { VendorAccountEntity } from "./vendor-account.entity.js";
import { WebhookDeliveryEntity } from "./webhook-delivery.entity.js";
import { WebhookEndpointEntity } from "./webhook-endpoint.entity.js";

/** Every entity, listed explicitly: globs do not load .ts files inside vitest. */
export const entities = [
  InboundEventEntity,
  SubscriptionEntity,
  AccountFoldEntity,
  PlanEntity,
  PlanMappingVersionEntity,
  SeatEntity,
  CustomerEntity,
  CustomerLinkEntity,
  ApiKeyEntity,
  EvotorUserEntity,
  EvotorVerifyThrottleEntity,
  VendorAccountEntity,
  GithubUserEntity,
  GithubAccountLinkEntity,
  GithubOnboardingCodeEntity,
  GithubOAuthStateNonceEntity,
  RedactionEntity,
  ReconciliationRunEntity,
  WebhookEndpointEntity,
  OutboundEventEntity,
  WebhookDeliveryEntity,
  EntitlementWatchEntity,
];
