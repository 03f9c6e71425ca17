import { errorMessage, must, mustSucceed, type Schemas } from "../api.js";
import { formValues, h, notice, replaceChildren, table, when } from "../dom.js";
import { input } from "../form.js";
import { API_KEY_SCOPES } from "../labels.js";
import type { Page } from "../page.js";

/** Make a key (shown once), list keys, revoke one; the same as the CLI, while the service runs. */
export const apiKeysPage: Page = async (context) => {
  const { api, root } = context;
  const flash = h("div", {});
  const keys = await must(api.GET("/v1/api-keys"));

  const form = h(
    "form",
    {
      class: "filters",
      "aria-label": "Create an API key",
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        const values = formValues(form);
        const scopes = (Object.keys(API_KEY_SCOPES) as Schemas["ApiKeyScope"][]).filter((scope) =>
          new FormData(form).getAll("scopes").includes(scope),
        );
        if (scopes.length === 0) {
          replaceChildren(flash, notice("Choose at least one scope.", "error"));
          return;
        }
        try {
          const created = await must(api.POST("/v1/api-keys", { body: { name: values.name ?? "", scopes } }));
          await apiKeysPage(context);
          showNewKey(root.querySelector("#flash") as HTMLElement, created);
        } catch (error) {
          replaceChildren(flash, notice(errorMessage(error), "error"));
        }
      },
    },
    input("name", "Name", { required: true, maxlength: 200, placeholder: "e.g. product backend" }),
    h(
      "fieldset",
      {},
      h("legend", {}, "Scopes"),
      ...Object.entries(API_KEY_SCOPES).map(([scope, label]) =>
        h("label", { class: "check" }, h("input", { type: "checkbox", name: "scopes", value: scope }), label),
      ),
    ),
    h("button", { type: "submit" }, "Create key"),
  );

  const revoke = async (key: Schemas["ApiKey"]) => {
    if (!window.confirm(`Revoke the key "${key.name}"? Whatever uses it stops working within seconds.`)) {
      return;
    }
    try {
      await mustSucceed(api.DELETE("/v1/api-keys/{apiKeyId}", { params: { path: { apiKeyId: key.id } } }));
      await apiKeysPage(context);
      replaceChildren(root.querySelector("#flash") as HTMLElement, notice(`Revoked "${key.name}".`));
    } catch (error) {
      replaceChildren(flash, notice(errorMessage(error), "error"));
    }
  };

  flash.id = "flash";
  replaceChildren(
    root,
    h("h1", {}, "API keys"),
    flash,
    form,
    table(
      ["Name", "Scopes", "Created", "State", "Id", ""],
      keys.items.map((key) => [
        key.name,
        key.scopes.join(", "),
        when(key.createdAt),
        key.revokedAt ? h("span", {}, "revoked ", when(key.revokedAt)) : "active",
        h("code", {}, key.id),
        key.revokedAt
          ? null
          : h("button", { type: "button", class: "danger", onclick: () => void revoke(key) }, "Revoke"),
      ]),
      "No API key yet (the bootstrap ADMIN_API_KEY is not listed).",
    ),
  );
};

function showNewKey(flash: HTMLElement, created: Schemas["CreatedApiKey"]): void {
  replaceChildren(
    flash,
    h(
      "div",
      { class: "notice notice-info new-key", role: "status" },
      h("p", {}, `Created "${created.name}". Copy the key now: it is not shown again.`),
      h("output", { class: "secret", "aria-label": "New API key" }, created.key),
    ),
  );
}
