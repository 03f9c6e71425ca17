import { errorMessage, must, type Schemas } from "../api.js";
import { badge, formValues, h, notice, replaceChildren, table, when } from "../dom.js";
import { select } from "../form.js";
import { APPLY_STATUSES, MARKETPLACES, options } from "../labels.js";
import { type Page, route } from "../page.js";
import { accountRoute } from "./subscriptions.js";

const RETRYABLE: ReadonlySet<Schemas["ApplyStatus"]> = new Set(["failed", "dead", "received"]);

/** Events whose apply failed (or any other apply status), with a retry that applies one at once. */
export const eventsPage: Page = async (context) => {
  const { api, params, root, navigate } = context;
  const status = (params.get("status") || "failed") as Schemas["ApplyStatus"];
  const marketplace = (params.get("marketplace") || undefined) as Schemas["MarketplaceName"] | undefined;
  const cursor = params.get("cursor") || undefined;
  const flash = h("div", { id: "flash" });
  const page = await must(api.GET("/v1/events", { params: { query: { status, marketplace, cursor } } }));

  const retry = async (event: Schemas["EventSummary"], button: HTMLButtonElement) => {
    button.disabled = true;
    try {
      const after = await must(
        api.POST("/v1/events/{eventId}/retry", { params: { path: { eventId: event.id } } }),
      );
      const outcome =
        after.status === "failed"
          ? `Event ${after.id} failed again: ${after.applyError ?? "no error recorded"}`
          : `Event ${after.id} is ${after.status}.`;
      await eventsPage(context);
      replaceChildren(
        root.querySelector("#flash") as HTMLElement,
        notice(outcome, after.status === "failed" ? "error" : "info"),
      );
    } catch (error) {
      replaceChildren(flash, notice(errorMessage(error), "error"));
      button.disabled = false;
    }
  };

  const filters = h(
    "form",
    {
      class: "filters",
      onsubmit: (submit: SubmitEvent) => {
        submit.preventDefault();
        navigate(route("events", formValues(filters)));
      },
    },
    select("status", "Status", options(APPLY_STATUSES, status)),
    select("marketplace", "Marketplace", options(MARKETPLACES, marketplace ?? null, "Any")),
    h("button", { type: "submit" }, "Show"),
  );

  replaceChildren(
    root,
    h("h1", {}, "Events"),
    h(
      "p",
      { class: "muted" },
      "Every delivery is stored before it is acknowledged; failed ones are retried with backoff, and become dead after too many attempts. Retry applies one now (a dead one that fails again stays dead).",
    ),
    flash,
    filters,
    table(
      [
        "Event",
        "Received",
        "Marketplace",
        "Type",
        "Account",
        "Status",
        "Attempts",
        "Error",
        "Next attempt",
        "",
      ],
      page.items.map((event) => {
        const button = h("button", { type: "button" }, "Retry") as HTMLButtonElement;
        button.addEventListener("click", () => void retry(event, button));
        return [
          event.id,
          when(event.receivedAt),
          MARKETPLACES[event.marketplace],
          event.type,
          event.accountId
            ? h("a", { href: accountRoute(event.marketplace, event.accountId) }, event.accountId)
            : "—",
          badge(event.status),
          event.applyAttempts,
          event.applyError ? h("span", { class: "error-text" }, event.applyError) : "—",
          when(event.nextAttemptAt),
          RETRYABLE.has(event.status) ? button : null,
        ];
      }),
      `No ${status} event.`,
    ),
    page.nextCursor
      ? h(
          "a",
          {
            class: "button secondary",
            href: route("events", { status, marketplace, cursor: page.nextCursor }),
          },
          "Older events",
        )
      : null,
  );
};
