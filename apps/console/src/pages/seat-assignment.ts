import { type Api, ApiError, errorMessage, must, type Schemas } from "../api.js";
import { formValues, h, notice, replaceChildren, table } from "../dom.js";

interface SeatTarget {
  api: Api;
  marketplace: Schemas["MarketplaceName"];
  accountId: string;
  /** Who holds a seat now: ticked in the member list and prefilled in the id list. */
  holders: string[];
  /** Called after an assignment succeeded, with a message to show (the page reloads its seats). */
  assigned(message: string): Promise<void>;
}

/**
 * Seat management through `PUT …/seats`: for a GitHub organization, tick its members; for any account, the ids
 * one per line. The API replaces the whole set, so what is submitted is exactly who holds a seat afterwards.
 */
export function seatAssignment(target: SeatTarget): HTMLElement {
  const flash = h("div", { class: "seat-flash" });
  const section = h(
    "section",
    { "aria-label": "Seat assignment" },
    flash,
    target.marketplace === "github" ? membersSection(target, flash) : null,
    idsForm(target, flash),
  );
  return section;
}

async function assign(target: SeatTarget, flash: HTMLElement, userIds: string[]): Promise<void> {
  try {
    const seats = await must(
      target.api.PUT("/v1/entitlements/{marketplace}/{accountId}/seats", {
        params: { path: { marketplace: target.marketplace, accountId: target.accountId } },
        body: { userIds },
      }),
    );
    await target.assigned(`Assigned ${seats.used} seat${seats.used === 1 ? "" : "s"}.`);
  } catch (error) {
    replaceChildren(flash, refusal(error));
  }
}

/** A seat-limit refusal says how far over the limit the set is and where the customer upgrades. */
function refusal(error: unknown): HTMLElement {
  if (!(error instanceof ApiError) || error.problem.type === undefined || error.status !== 409) {
    return notice(errorMessage(error), "error");
  }
  const { limit, requested, upgradeUrl } = error.problem as Partial<Schemas["SeatProblem"]>;
  if (!String(error.problem.type).endsWith("seat-limit-reached")) {
    return notice(errorMessage(error), "error");
  }
  return h(
    "div",
    { class: "notice notice-error", role: "alert" },
    h(
      "p",
      {},
      `Seat limit reached: ${requested ?? "that many"} asked for, the limit is ${limit ?? "unknown"}.`,
    ),
    upgradeUrl
      ? h("p", {}, "The customer can upgrade at ", h("a", { href: upgradeUrl }, upgradeUrl), ".")
      : null,
    h("p", { class: "muted" }, errorMessage(error)),
  );
}

function membersSection(target: SeatTarget, flash: HTMLElement): HTMLElement {
  const body = h(
    "div",
    { "aria-busy": "true" },
    h("p", { class: "muted" }, "Loading the organization's members…"),
  );
  void loadMembers(target, flash, body);
  return h("div", {}, h("h2", {}, "Members"), body);
}

async function loadMembers(target: SeatTarget, flash: HTMLElement, body: HTMLElement): Promise<void> {
  try {
    const organization = await must(
      target.api.GET("/v1/entitlements/github/{accountId}/members", {
        params: { path: { accountId: target.accountId } },
      }),
    );
    const form: HTMLFormElement = h(
      "form",
      {
        "aria-label": "Members",
        onsubmit: (event: SubmitEvent) => {
          event.preventDefault();
          const ids = new FormData(form)
            .getAll("member")
            .filter((id): id is string => typeof id === "string");
          void assign(target, flash, ids);
        },
      },
      table(
        ["Seat", "Login", "GitHub id", "Type"],
        organization.members.map((member) => [
          h("input", {
            type: "checkbox",
            name: "member",
            value: member.id,
            checked: target.holders.includes(member.id),
            "aria-label": `Seat for ${member.login}`,
          }),
          member.login,
          h("code", {}, member.id),
          member.type ?? "—",
        ]),
        "The organization has no members.",
      ),
      h("button", { type: "submit" }, "Assign seats"),
    );
    replaceChildren(body, h("p", { class: "muted" }, `Members of ${organization.login} on GitHub.`), form);
  } catch (error) {
    const signIn =
      error instanceof ApiError && String(error.problem.type ?? "").endsWith("github-sign-in-required");
    replaceChildren(
      body,
      notice(signIn ? `GitHub sign-in required: ${errorMessage(error)}` : errorMessage(error), "error"),
    );
  } finally {
    body.removeAttribute("aria-busy");
  }
}

function idsForm(target: SeatTarget, flash: HTMLElement): HTMLElement {
  const form: HTMLFormElement = h(
    "form",
    {
      class: "seat-ids",
      "aria-label": "Assign seats by id",
      onsubmit: (event: SubmitEvent) => {
        event.preventDefault();
        const ids = [...new Set((formValues(form).userIds ?? "").split(/\s*\n\s*/).filter(Boolean))];
        void assign(target, flash, ids);
      },
    },
    h(
      "label",
      {},
      "User or device ids, one per line (exactly these hold a seat afterwards)",
      h("textarea", { name: "userIds", rows: 5 }, target.holders.join("\n")),
    ),
    h("button", { type: "submit" }, "Assign seats by id"),
  );
  return h("div", {}, h("h2", {}, "Assign seats by id"), form);
}
