import type { TestContext } from "../../support/test-app.js";
import { apiKeyState, githubWebhook } from "./states.js";

const ORG = 18404719;

/** The states the product's pact names, seeded through the app's stores and signed webhooks. */
export function productStates(context: TestContext) {
  return {
    "the product has an API key with the seats scope": apiKeyState(context),
    "github account 18404719 has an active Team plan of 5 seats with features export and sso": async () => {
      await githubWebhook(context, "purchased", "2026-03-01T00:00:00+00:00", {
        accountId: ORG,
        planName: "Team",
        unitCount: 5,
      });
      await context.deps.plans.map(
        { marketplace: "github", planId: "435" },
        { features: ["export", "sso"], seatLimit: null },
        context.clock.now(),
      );
    },
    "github account 18404719 is on a free trial ending 2026-03-05": async () => {
      await githubWebhook(context, "purchased", "2026-03-01T00:00:00+00:00", {
        accountId: ORG,
        planName: "Team",
        unitCount: 3,
        onFreeTrial: true,
        freeTrialEndsOn: "2026-03-05T00:00:00+00:00",
        nextBillingDate: null,
      });
    },
    "github account 18404719 has a pending downgrade to 2 seats on 2026-04-01": async () => {
      await githubWebhook(context, "purchased", "2026-03-01T00:00:00+00:00", {
        accountId: ORG,
        unitCount: 5,
      });
      await githubWebhook(context, "pending_change", "2026-04-01T00:00:00+00:00", {
        accountId: ORG,
        unitCount: 2,
      });
    },
    "github account 18404719 has 2 seats, both claimed": async () => {
      await githubWebhook(context, "purchased", "2026-03-01T00:00:00+00:00", {
        accountId: ORG,
        unitCount: 2,
      });
      for (const user of ["alice", "bob"]) {
        await context.deps.seats.claim("github", String(ORG), user, 2, context.clock.now());
      }
    },
  };
}
