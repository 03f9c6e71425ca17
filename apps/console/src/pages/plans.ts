import { errorMessage, must, type Schemas } from "../api.js";
import { formValues, h, notice, replaceChildren, table } from "../dom.js";
import { MARKETPLACES } from "../labels.js";
import type { Page } from "../page.js";

/** The plan catalogue as marketplaces describe it, and the vendor's mapping of each plan to features and seats. */
export const plansPage: Page = async (context) => {
  const { api, root } = context;
  const flash = h("div", { id: "flash" });
  const plans = await must(api.GET("/v1/plans"));

  const save = async (plan: Schemas["Plan"], form: HTMLFormElement) => {
    const values = formValues(form);
    const features = (values.features ?? "")
      .split(",")
      .map((feature) => feature.trim())
      .filter(Boolean);
    const seatLimit = values.seatLimit ? Number(values.seatLimit) : null;
    try {
      await must(
        api.PUT("/v1/plans/{marketplace}/{planId}", {
          params: { path: { marketplace: plan.marketplace, planId: plan.planId } },
          body: { features, seatRules: { seatLimit } },
        }),
      );
      await plansPage(context);
      replaceChildren(
        root.querySelector("#flash") as HTMLElement,
        notice(`Mapped ${plan.name ?? plan.planId}.`),
      );
    } catch (error) {
      replaceChildren(flash, notice(errorMessage(error), "error"));
    }
  };

  replaceChildren(
    root,
    h("h1", {}, "Plans"),
    h(
      "p",
      { class: "muted" },
      "Every plan a marketplace event mentioned. Map each to the features it grants; flat-rate plans can set a seat limit.",
    ),
    flash,
    table(
      ["Marketplace", "Plan", "Price", "Mapped", "Features and seat limit"],
      plans.items.map((plan) => {
        const form = h(
          "form",
          {
            class: "inline",
            "aria-label": `Mapping of ${plan.name ?? plan.planId}`,
            onsubmit: (event: SubmitEvent) => {
              event.preventDefault();
              void save(plan, form);
            },
          },
          h("input", {
            name: "features",
            value: plan.features.join(", "),
            placeholder: "feature, feature",
            "aria-label": "Features",
          }),
          h("input", {
            name: "seatLimit",
            type: "number",
            min: 0,
            value: plan.seatRules.seatLimit ?? "",
            placeholder: "no limit",
            "aria-label": "Seat limit",
          }),
          h("button", { type: "submit", class: "secondary" }, "Save"),
        );
        return [
          MARKETPLACES[plan.marketplace],
          h("span", {}, h("strong", {}, plan.name ?? "—"), h("br"), h("code", {}, plan.planId)),
          price(plan),
          plan.mapped ? "yes" : "no",
          form,
        ];
      }),
      "No plan seen yet.",
    ),
  );
};

function price(plan: Schemas["Plan"]): string {
  const parts = [plan.priceModel?.replace("_", " ") ?? ""];
  if (plan.monthlyPriceCents !== null) {
    parts.push(`${(plan.monthlyPriceCents / 100).toFixed(2)}/month`);
  }
  if (plan.yearlyPriceCents !== null) {
    parts.push(`${(plan.yearlyPriceCents / 100).toFixed(2)}/year`);
  }
  if (plan.unitName) {
    parts.push(`per ${plan.unitName}`);
  }
  return parts.filter(Boolean).join(" · ") || "—";
}
