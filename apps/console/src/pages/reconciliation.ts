import { must } from "../api.js";
import { badge, h, replaceChildren, table, when } from "../dom.js";
import { MARKETPLACES } from "../labels.js";
import type { Page } from "../page.js";

/** Recent reconciliation runs and the drift each one found and repaired. */
export const reconciliationPage: Page = async ({ api, root }) => {
  const runs = await must(api.GET("/v1/reconciliation-runs", { params: { query: { limit: 50 } } }));
  replaceChildren(
    root,
    h("h1", {}, "Reconciliation runs"),
    h(
      "p",
      { class: "muted" },
      "Each run compares the marketplace's listing with the subscriptions here and repairs what lost webhooks left behind.",
    ),
    table(
      ["Started", "Marketplace", "Outcome", "Plans", "Accounts", "Drift repaired", "Failed repairs", "Error"],
      runs.items.map((run) => {
        const found = Object.entries(run.drift).filter(([, count]) => count > 0);
        return [
          when(run.startedAt),
          MARKETPLACES[run.marketplace],
          badge(run.outcome),
          run.plans,
          run.accounts,
          found.length === 0
            ? "none"
            : h(
                "ul",
                { class: "plain" },
                ...found.map(([kind, count]) => h("li", {}, `${kind.replaceAll("_", " ")}: ${count}`)),
              ),
          run.failedRepairs,
          run.error ? h("span", { class: "error-text" }, run.error) : "—",
        ];
      }),
      "No reconciliation has run yet (it needs the GitHub App's credentials).",
    ),
  );
};
