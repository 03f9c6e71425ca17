import "./style.css";
import { createApi } from "./api.js";
import { h, notice, replaceChildren } from "./dom.js";
import type { Page } from "./page.js";
import { accountPage } from "./pages/account.js";
import { apiKeysPage } from "./pages/api-keys.js";
import { eventsPage } from "./pages/events.js";
import { plansPage } from "./pages/plans.js";
import { reconciliationPage } from "./pages/reconciliation.js";
import { signInPage } from "./pages/sign-in.js";
import { subscriptionsPage } from "./pages/subscriptions.js";
import { webhookEndpointsPage } from "./pages/webhook-endpoints.js";
import { forgetApiKey, storedApiKey } from "./session.js";

const NAV: { path: string; label: string; page: Page }[] = [
  { path: "subscriptions", label: "Subscriptions", page: subscriptionsPage },
  { path: "events", label: "Failed events", page: eventsPage },
  { path: "reconciliation", label: "Reconciliation", page: reconciliationPage },
  { path: "plans", label: "Plans", page: plansPage },
  { path: "api-keys", label: "API keys", page: apiKeysPage },
  { path: "webhook-endpoints", label: "Webhook endpoints", page: webhookEndpointsPage },
];
const PAGES: Record<string, Page> = {
  ...Object.fromEntries(NAV.map((entry) => [entry.path, entry.page])),
  accounts: accountPage,
};

const app = document.getElementById("app") as HTMLElement;

function signOut(message?: string): void {
  forgetApiKey();
  window.location.hash = "";
  renderSignIn(message);
}

function renderSignIn(message?: string): void {
  const root = h("main", { class: "sign-in" });
  replaceChildren(app, root);
  void signInPage(root, message, () => {
    window.location.hash = "#/subscriptions";
    void render();
  });
}

let generation = 0;

async function render(): Promise<void> {
  const apiKey = storedApiKey();
  if (!apiKey) {
    renderSignIn();
    return;
  }
  const [path = "", query = ""] = window.location.hash.replace(/^#\/?/, "").split("?");
  const [name = "subscriptions", ...segments] = path.split("/").filter(Boolean).map(decodeURIComponent);
  const page = PAGES[name] ?? subscriptionsPage;
  const current = ++generation;
  const main = h("main", { id: "page", "aria-busy": "true" });
  const nav = h(
    "nav",
    { "aria-label": "Console" },
    ...NAV.map((entry) =>
      h(
        "a",
        { href: `#/${entry.path}`, "aria-current": entry.page === page ? "page" : undefined },
        entry.label,
      ),
    ),
  );
  replaceChildren(
    app,
    h(
      "header",
      {},
      h("a", { class: "brand", href: "#/subscriptions" }, "marketplace-billing"),
      nav,
      h("button", { type: "button", class: "secondary", onclick: () => signOut() }, "Sign out"),
    ),
    main,
  );
  const api = createApi(apiKey, () => signOut("The API key is no longer valid; sign in again."));
  try {
    await page({
      api,
      params: new URLSearchParams(query),
      segments,
      root: main,
      navigate: (route) => {
        window.location.hash = route;
      },
    });
  } catch (error) {
    if (current === generation) {
      main.append(notice(error instanceof Error ? error.message : String(error), "error"));
    }
  } finally {
    main.removeAttribute("aria-busy");
  }
}

window.addEventListener("hashchange", () => void render());
void render();
