import { ApiError, createApi, errorMessage, must } from "../api.js";
import { formValues, h, notice, replaceChildren } from "../dom.js";
import { storeApiKey } from "../session.js";

/** Asks for an admin API key and keeps it for this tab once the service accepts it. */
export async function signInPage(root: HTMLElement, message: string | undefined, signedIn: () => void) {
  const status = h("div", {}, message ? notice(message, "error") : null);
  const form = h(
    "form",
    {
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        const { apiKey = "" } = formValues(form);
        if (!apiKey) {
          return;
        }
        try {
          // Listing keys needs the admin scope: a read key is told so here, not on every page.
          await must(createApi(apiKey, () => undefined).GET("/v1/api-keys"));
          storeApiKey(apiKey);
          signedIn();
        } catch (error) {
          const text =
            error instanceof ApiError && error.status === 401
              ? "This API key is unknown or revoked."
              : error instanceof ApiError && error.status === 403
                ? "This API key has no admin scope; the console needs one."
                : errorMessage(error);
          replaceChildren(status, notice(text, "error"));
        }
      },
    },
    h("label", { for: "api-key" }, "Admin API key"),
    h("input", {
      id: "api-key",
      name: "apiKey",
      type: "password",
      autocomplete: "off",
      required: true,
      autofocus: true,
    }),
    h("button", { type: "submit" }, "Sign in"),
  );
  replaceChildren(
    root,
    h("h1", {}, "marketplace-billing console"),
    h(
      "p",
      {},
      "Sign in with an admin API key (ADMIN_API_KEY, or one made with ",
      h("code", {}, "npm run cli -- api-keys create --scope admin"),
      "). It is kept in this tab only and sent as a bearer header.",
    ),
    status,
    form,
  );
}
