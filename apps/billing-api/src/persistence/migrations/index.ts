import { InitialSchema1795468282162 } from "./1795468282162-InitialSchema.js";
import { SubscriptionsAndPlans1795468743925 } from "./1795468743925-SubscriptionsAndPlans.js";
import { EvotorAccounts1795469305483 } from "./1795469305483-EvotorAccounts.js";
import { EntitlementsApi1795469334129 } from "./1795469334129-EntitlementsApi.js";
import { GithubOnboarding1795469636168 } from "./1795469636168-GithubOnboarding.js";
import { OperatorConsole1795932715579 } from "./1795932715579-OperatorConsole.js";
import { DeadEvents1795932831513 } from "./1795932831513-DeadEvents.js";
import { ApplyQueueAndFoldCheckpoints1795933016849 } from "./1795933016849-ApplyQueueAndFoldCheckpoints.js";
import { EventLogConflictsAndBodyDigest1795933100000 } from "./1795933100000-EventLogConflictsAndBodyDigest.js";
import { EvotorVerifyThrottle1795933359093 } from "./1795933359093-EvotorVerifyThrottle.js";
import { CustomerDuties1795933400000 } from "./1795933400000-CustomerDuties.js";
import { ApiKeyMarketplace1795933820958 } from "./1795933820958-ApiKeyMarketplace.js";
import { OutboundEvents1795935290476 } from "./1795935290476-OutboundEvents.js";
import { AccountDueEvents1795937111923 } from "./1795937111923-AccountDueEvents.js";
import { GrantsAndPlanVersions1795937165339 } from "./1795937165339-GrantsAndPlanVersions.js";

/** Every migration, in order, listed explicitly: globs do not load .ts files inside vitest. */
export const migrations = [
  InitialSchema1795468282162,
  SubscriptionsAndPlans1795468743925,
  EvotorAccounts1795469305483,
  EntitlementsApi1795469334129,
  GithubOnboarding1795469636168,
  OperatorConsole1795932715579,
  DeadEvents1795932831513,
  ApplyQueueAndFoldCheckpoints1795933016849,
  EventLogConflictsAndBodyDigest1795933100000,
  EvotorVerifyThrottle1795933359093,
  CustomerDuties1795933400000,
  ApiKeyMarketplace1795933820958,
  OutboundEvents1795935290476,
  AccountDueEvents1795937111923,
  GrantsAndPlanVersions1795937165339,
];
