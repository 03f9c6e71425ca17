import { type Api, errorMessage, must, mustSucceed, type Schemas } from "../api.js";
import { badge, formValues, h, notice, replaceChildren, table, when } from "../dom.js";
import { input } from "../form.js";
import type { Page } from "../page.js";

type Endpoint = Schemas["WebhookEndpoint"];

/** Where billing-api sends its own events: register, enable/disable, rotate, delete, and see each delivery. */
export const webhookEndpointsPage: Page = async (context) => {
  const { api, root } = context;
  const flash = h("div", { id: "flash" });
  const deliveries = h("div", { id: "deliveries" });
  const endpoints = await must(api.GET("/v1/webhook-endpoints"));

  const act = async (work: () => Promise<void>, after: (flash: HTMLElement) => void) => {
    try {
      await work();
      await webhookEndpointsPage(context);
      after(root.querySelector("#flash") as HTMLElement);
    } catch (error) {
      replaceChildren(flash, notice(errorMessage(error), "error"));
    }
  };
  const path = (endpoint: Endpoint) => ({ params: { path: { endpointId: endpoint.id } } });
  let secret: Schemas["WebhookEndpointWithSecret"] | undefined;

  const form: HTMLFormElement = h(
    "form",
    {
      class: "filters",
      "aria-label": "Register an endpoint",
      onsubmit: (event: SubmitEvent) => {
        event.preventDefault();
        const values = formValues(form);
        void act(
          async () => {
            secret = await must(
              api.POST("/v1/webhook-endpoints", {
                body: { url: values.url ?? "", description: values.description || undefined },
              }),
            );
          },
          (target) => secret && showSecret(target, "Registered", secret),
        );
      },
    },
    input("url", "URL", { type: "url", required: true, maxlength: 2000, placeholder: "https://…" }),
    input("description", "Description", { maxlength: 500 }),
    h("button", { type: "submit" }, "Register endpoint"),
  );

  const toggle = (endpoint: Endpoint) =>
    act(
      async () => {
        await must(
          api.PATCH("/v1/webhook-endpoints/{endpointId}", {
            ...path(endpoint),
            body: { enabled: !endpoint.enabled },
          }),
        );
      },
      (target) =>
        replaceChildren(target, notice(`${endpoint.enabled ? "Disabled" : "Enabled"} ${endpoint.url}.`)),
    );
  const rotate = (endpoint: Endpoint) => {
    if (!window.confirm(`Rotate the secret of ${endpoint.url}? The old one keeps signing for 24 hours.`)) {
      return;
    }
    void act(
      async () => {
        secret = await must(api.POST("/v1/webhook-endpoints/{endpointId}/rotate-secret", path(endpoint)));
      },
      (target) => secret && showSecret(target, "Rotated the secret of", secret),
    );
  };
  const remove = (endpoint: Endpoint) => {
    if (!window.confirm(`Delete ${endpoint.url}? Its pending deliveries are dropped.`)) {
      return;
    }
    void act(
      () => mustSucceed(api.DELETE("/v1/webhook-endpoints/{endpointId}", path(endpoint))),
      (target) => replaceChildren(target, notice(`Deleted ${endpoint.url}.`)),
    );
  };

  replaceChildren(
    root,
    h("h1", {}, "Webhook endpoints"),
    h(
      "p",
      { class: "muted" },
      "billing-api signs every event it sends (Standard Webhooks) and retries failed deliveries for 3 days; an endpoint that keeps failing or answers 410 is disabled.",
    ),
    flash,
    form,
    table(
      ["URL", "Description", "Events", "State", "Created", ""],
      endpoints.items.map((endpoint) => [
        h("code", {}, endpoint.url),
        endpoint.description ?? "—",
        endpoint.events?.join(", ") ?? "all",
        state(endpoint),
        when(endpoint.createdAt),
        h(
          "span",
          { class: "actions" },
          h(
            "button",
            { type: "button", class: "secondary", onclick: () => void toggle(endpoint) },
            endpoint.enabled ? "Disable" : "Enable",
          ),
          h(
            "button",
            { type: "button", class: "secondary", onclick: () => rotate(endpoint) },
            "Rotate secret",
          ),
          h(
            "button",
            {
              type: "button",
              class: "secondary",
              onclick: () => void showDeliveries(api, endpoint, deliveries),
            },
            "Deliveries",
          ),
          h("button", { type: "button", class: "danger", onclick: () => remove(endpoint) }, "Delete"),
        ),
      ]),
      "No endpoint is registered.",
    ),
    deliveries,
  );
};

function state(endpoint: Endpoint): HTMLElement {
  if (endpoint.enabled) {
    return endpoint.failingSince
      ? h("span", {}, badge("failing", "past_due"), " since ", when(endpoint.failingSince))
      : badge("enabled", "active");
  }
  return h(
    "span",
    {},
    badge("disabled", "expired"),
    endpoint.disabledReason ? ` (${endpoint.disabledReason})` : "",
  );
}

function showSecret(flash: HTMLElement, what: string, endpoint: Schemas["WebhookEndpointWithSecret"]): void {
  replaceChildren(
    flash,
    h(
      "div",
      { class: "notice notice-info new-key", role: "status" },
      h("p", {}, `${what} ${endpoint.url}. Copy the signing secret now: it is not shown again.`),
      h("output", { class: "secret", "aria-label": "Signing secret" }, endpoint.secret),
    ),
  );
}

/** The endpoint's latest deliveries, each with its last attempt and a retry that sends it again now. */
async function showDeliveries(api: Api, endpoint: Endpoint, target: HTMLElement): Promise<void> {
  const flash = h("div", {});
  try {
    const list = await must(
      api.GET("/v1/webhook-endpoints/{endpointId}/deliveries", {
        params: { path: { endpointId: endpoint.id } },
      }),
    );
    const retry = async (delivery: Schemas["WebhookDelivery"], button: HTMLButtonElement) => {
      button.disabled = true;
      try {
        await must(
          api.POST("/v1/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/retry", {
            params: { path: { endpointId: endpoint.id, deliveryId: delivery.id } },
          }),
        );
        await showDeliveries(api, endpoint, target);
        target
          .querySelector(".deliveries-flash")
          ?.replaceChildren(notice(`Delivery ${delivery.id} is queued to be sent now.`));
      } catch (error) {
        replaceChildren(flash, notice(errorMessage(error), "error"));
        button.disabled = false;
      }
    };
    flash.className = "deliveries-flash";
    replaceChildren(
      target,
      h("h2", {}, `Deliveries to ${endpoint.url}`),
      flash,
      table(
        ["Event", "Type", "Status", "Attempts", "Last attempt", "Next attempt", "Created", ""],
        list.items.map((delivery) => {
          const last = delivery.lastAttempts.at(-1);
          const button: HTMLButtonElement = h(
            "button",
            { type: "button", class: "secondary", onclick: () => void retry(delivery, button) },
            "Retry",
          );
          return [
            h("code", {}, delivery.eventId),
            delivery.eventType,
            badge(
              delivery.status,
              delivery.status === "succeeded"
                ? "active"
                : delivery.status === "failed"
                  ? "expired"
                  : "trialing",
            ),
            delivery.attempts,
            last ? h("span", {}, when(last.at), ` ${last.statusCode ?? last.error ?? "no answer"}`) : "—",
            when(delivery.nextAttemptAt),
            when(delivery.createdAt),
            button,
          ];
        }),
        "No delivery yet.",
      ),
    );
  } catch (error) {
    replaceChildren(target, notice(errorMessage(error), "error"));
  }
}
