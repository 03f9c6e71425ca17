import { must, type Schemas } from "../api.js";
import { badge, formValues, h, replaceChildren, table, when } from "../dom.js";
import { input, select } from "../form.js";
import { MARKETPLACES, options, STATUSES } from "../labels.js";
import { type Page, route } from "../page.js";

const TRIAL_HORIZON_DAYS = 7;

/** Subscriptions by marketplace, status and plan; trials ending within a week; a way to open any account. */
export const subscriptionsPage: Page = async ({ api, params, root, navigate }) => {
  const marketplace = (params.get("marketplace") || undefined) as Schemas["MarketplaceName"] | undefined;
  const status = (params.get("status") || undefined) as Schemas["Status"] | undefined;
  const planId = params.get("planId") || undefined;
  const cursor = params.get("cursor") || undefined;
  const trialHorizon = new Date(Date.now() + TRIAL_HORIZON_DAYS * 86_400_000).toISOString();

  const [page, trials, plans] = await Promise.all([
    must(
      api.GET("/v1/subscriptions", { params: { query: { marketplace, status, planId, cursor, limit: 50 } } }),
    ),
    must(
      api.GET("/v1/subscriptions", {
        params: { query: { marketplace, status: "trialing", trialEndsBefore: trialHorizon, limit: 20 } },
      }),
    ),
    must(api.GET("/v1/plans", { params: { query: { marketplace } } })),
  ]);
  const planChoices: [string, string, boolean][] = [
    ["", "Any", !planId],
    ...plans.items.map(
      (plan) => [plan.planId, planName(plan), plan.planId === planId] as [string, string, boolean],
    ),
  ];

  const filters = h(
    "form",
    {
      class: "filters",
      onsubmit: (event: SubmitEvent) => {
        event.preventDefault();
        navigate(route("subscriptions", formValues(filters)));
      },
    },
    select("marketplace", "Marketplace", options(MARKETPLACES, marketplace ?? null, "Any")),
    select("status", "Status", options(STATUSES, status ?? null, "Any")),
    select("planId", "Plan", planChoices),
    h("button", { type: "submit" }, "Filter"),
  );

  const lookup = h(
    "form",
    {
      class: "filters",
      "aria-label": "Open an account",
      onsubmit: (event: SubmitEvent) => {
        event.preventDefault();
        const values = formValues(lookup);
        if (values.accountId) {
          navigate(accountRoute(values.marketplace as Schemas["MarketplaceName"], values.accountId));
        }
      },
    },
    select("marketplace", "Marketplace", options(MARKETPLACES, marketplace ?? "github")),
    input("accountId", "Account id", { required: true, placeholder: "GitHub account id or Evotor userId" }),
    h("button", { type: "submit", class: "secondary" }, "Open account"),
  );

  replaceChildren(
    root,
    h("h1", {}, "Subscriptions"),
    filters,
    lookup,
    h("h2", {}, `Trials ending in the next ${TRIAL_HORIZON_DAYS} days`),
    table(
      ["Account", "Marketplace", "Plan", "Trial ends"],
      trials.items.map((item) => [
        accountLink(item),
        MARKETPLACES[item.marketplace],
        planName(item.plan),
        when(item.trialEndsAt),
      ]),
      "No trial ends within a week.",
    ),
    h("h2", {}, "All matching subscriptions"),
    table(
      ["Account", "Marketplace", "Plan", "Status", "Seats", "Trial ends", "Period ends", "Ends", "Updated"],
      page.items.map((item) => [
        accountLink(item),
        MARKETPLACES[item.marketplace],
        planName(item.plan),
        badge(STATUSES[item.status], item.status),
        item.seats ?? "—",
        when(item.trialEndsAt),
        when(item.currentPeriodEnd),
        when(item.endsAt),
        when(item.updatedAt),
      ]),
      "No subscription matches.",
    ),
    page.nextCursor
      ? h(
          "a",
          {
            class: "button secondary",
            href: route("subscriptions", { marketplace, status, planId, cursor: page.nextCursor }),
          },
          "Next page",
        )
      : null,
  );
};

export function accountRoute(marketplace: Schemas["MarketplaceName"], accountId: string): string {
  return `#/accounts/${marketplace}/${encodeURIComponent(accountId)}`;
}

function accountLink(item: Schemas["SubscriptionSummary"]): HTMLElement {
  return h("a", { href: accountRoute(item.marketplace, item.accountId) }, item.accountId);
}

export function planName(plan: Schemas["PlanRef"] | null): string {
  if (!plan) {
    return "—";
  }
  return plan.name ? `${plan.name} (${plan.planId})` : plan.planId;
}
