import { must, type Schemas } from "../api.js";
import { badge, type Child, h, notice, replaceChildren, table, when } from "../dom.js";
import { ENTITLEMENT_STATUSES, MARKETPLACES } from "../labels.js";
import type { Page } from "../page.js";
import { seatAssignment } from "./seat-assignment.js";
import { planName } from "./subscriptions.js";

/** One account: its entitlement now, its seats, and every event received for it with what each changed. */
export const accountPage: Page = async (context) => {
  const { api, segments, root } = context;
  const [marketplaceSegment = "", accountId = ""] = segments;
  if (!(marketplaceSegment in MARKETPLACES) || !accountId) {
    replaceChildren(root, h("h1", {}, "Account"), h("p", {}, "No such account route."));
    return;
  }
  const marketplace = marketplaceSegment as Schemas["MarketplaceName"];
  const path = { params: { path: { marketplace, accountId } } };
  const [entitlement, history, seats] = await Promise.all([
    must(api.GET("/v1/entitlements/{marketplace}/{accountId}", path)),
    must(api.GET("/v1/entitlements/{marketplace}/{accountId}/history", path)),
    must(api.GET("/v1/entitlements/{marketplace}/{accountId}/seats", path)),
  ]);

  replaceChildren(
    root,
    h("h1", {}, `${MARKETPLACES[marketplace]} account ${accountId}`),
    h("h2", {}, "Entitlement now"),
    entitlementCard(entitlement),
    h("h2", {}, `Seats (${seats.used} of ${seats.limit ?? "unlimited"})`),
    table(
      ["User", "Claimed"],
      seats.seats.map((seat) => [seat.userId, when(seat.claimedAt)]),
      "No seat is claimed.",
    ),
    seatAssignment({
      api,
      marketplace,
      accountId,
      holders: seats.seats.map((seat) => seat.userId),
      assigned: async (message) => {
        await accountPage(context);
        root.querySelector(".seat-flash")?.replaceChildren(notice(message));
      },
    }),
    h("h2", {}, "Timeline"),
    history.events.length === 0
      ? h("p", { class: "empty" }, "No event was ever received for this account.")
      : h("ol", { class: "timeline" }, ...history.events.map(timelineEntry)),
  );
};

function entitlementCard(entitlement: Schemas["Entitlement"]): HTMLElement {
  const rows: [string, Child][] = [
    ["Entitled", entitlement.entitled ? badge("yes", "active") : badge("no", "expired")],
    ["Status", badge(ENTITLEMENT_STATUSES[entitlement.status], entitlement.status)],
    ["Plan", planName(entitlement.plan)],
    ["Features", entitlement.features.length > 0 ? entitlement.features.join(", ") : "none"],
    ["Seats", `${entitlement.seats.used} used of ${entitlement.seats.limit ?? "unlimited"}`],
    ["Trial", entitlement.trial ? h("span", {}, "ends ", when(entitlement.trial.endsAt)) : "—"],
    ["Current period ends", when(entitlement.currentPeriodEnd)],
    [
      "Pending change",
      entitlement.pendingChange
        ? h(
            "span",
            {},
            `to ${planName(entitlement.pendingChange.plan)}, ${entitlement.pendingChange.seats ?? "—"} seats, on `,
            when(entitlement.pendingChange.effectiveAt),
          )
        : "—",
    ],
    ["Billed by", entitlement.billedBy ?? "—"],
    ["Double purchase", entitlement.doublePurchase ? badge("yes", "past_due") : "no"],
    ["Subscriptions", entitlement.source.subscriptionIds.join(", ") || "—"],
  ];
  return h(
    "dl",
    { class: "card", "aria-label": "Entitlement" },
    ...rows.flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]),
  );
}

function timelineEntry(entry: Schemas["HistoryEntry"]): HTMLElement {
  return h(
    "li",
    {},
    h(
      "div",
      { class: "timeline-head" },
      when(entry.receivedAt),
      h("strong", {}, entry.type),
      badge(entry.applyStatus),
      h("span", { class: "muted" }, `${entry.source} · event ${entry.eventId}`),
    ),
    entry.applyError ? h("p", { class: "error-text" }, entry.applyError) : null,
    entry.changes.length === 0
      ? h("p", { class: "muted" }, "Changed nothing.")
      : h(
          "ul",
          { class: "changes" },
          ...entry.changes.map((change) =>
            h(
              "li",
              {},
              h("code", {}, change.field),
              ": ",
              h("del", {}, show(change.from)),
              " → ",
              h("ins", {}, show(change.to)),
            ),
          ),
        ),
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined) {
    return "—";
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}
