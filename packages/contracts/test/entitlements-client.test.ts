import { describe, expect, it } from "vitest";
import { createEntitlementsClient, EntitlementsApiError } from "../src/index.js";

const entitlement = {
  entitled: true,
  status: "active",
  plan: { planId: "435", name: "Pro" },
  features: ["sso"],
  seats: { limit: 5, used: 1 },
  trial: null,
  currentPeriodEnd: null,
  accessEndsAt: null,
  grants: [],
  pendingChange: null,
  billedBy: "marketplace",
  doublePurchase: false,
  updatedAt: "2026-03-01T00:00:00.000Z",
  source: { marketplace: "github", accountId: "1", subscriptionIds: ["1"] },
};

/** A fetch that answers from a script and records what it was asked. */
function scripted(answers: Array<Response | Error>) {
  const calls: Request[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    calls.push(new Request(input, init));
    const next = answers.shift();
    if (!next) {
      throw new Error("no more scripted answers");
    }
    if (next instanceof Error) {
      throw next;
    }
    return next;
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const options = { baseUrl: "http://billing.test", apiKey: "mbk_key", minRetryDelayMs: 1 };

describe("entitlements client", () => {
  it("sends the API key and reads an entitlement", async () => {
    const { fetch, calls } = scripted([Response.json(entitlement)]);
    const client = createEntitlementsClient({ ...options, fetch });
    const answer = await client.getEntitlement("github", "1");
    expect(answer).toEqual(entitlement);
    expect(answer.meta).toEqual({ source: "network", asOf: expect.any(Date) });
    expect(JSON.parse(JSON.stringify(answer))).toEqual(entitlement);
    expect(calls[0]?.url).toBe("http://billing.test/v1/entitlements/github/1");
    expect(calls[0]?.headers.get("authorization")).toBe("Bearer mbk_key");
    expect(
      await createEntitlementsClient({
        ...options,
        fetch: scripted([Response.json(entitlement)]).fetch,
      }).isEntitled("github", "1", "sso"),
    ).toBe(true);
  });

  it("retries reads on 5xx and network errors, then succeeds", async () => {
    const { fetch, calls } = scripted([
      new Response(null, { status: 503 }),
      new TypeError("fetch failed"),
      new Response(null, { status: 500 }),
      Response.json(entitlement),
    ]);
    const client = createEntitlementsClient({ ...options, fetch });
    expect((await client.getEntitlement("github", "1")).entitled).toBe(true);
    expect(calls).toHaveLength(4);
  });

  it("gives up after the configured retries with the last answer as an error", async () => {
    const { fetch, calls } = scripted([
      new Response(null, { status: 503 }),
      new Response(null, { status: 503 }),
      new Response(null, { status: 503 }),
    ]);
    const client = createEntitlementsClient({ ...options, retries: 2, fetch });
    const error = await client.getEntitlement("github", "1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EntitlementsApiError);
    expect((error as EntitlementsApiError).status).toBe(503);
    expect(calls).toHaveLength(3);
  });

  it("does not resend a seat claim the server answered, even with 503", async () => {
    const { fetch, calls } = scripted([new Response(null, { status: 503 })]);
    const client = createEntitlementsClient({ ...options, fetch });
    await expect(client.claimSeat("github", "1", "alice")).rejects.toBeInstanceOf(EntitlementsApiError);
    expect(calls).toHaveLength(1);
  });

  it("turns a refused claim into a value with the limit", async () => {
    const problem = {
      type: "https://marketplace-billing.dev/problems/seat-limit-reached",
      title: "Seat Limit Reached",
      status: 409,
      detail: "All 2 seats are taken; the customer must upgrade to add users.",
      limit: 2,
      used: 2,
      upgradeRequired: true,
      upgradeUrl: "https://github.com/marketplace/acme-ci/upgrade/2/1",
    };
    const { fetch, calls } = scripted([
      new Response(JSON.stringify(problem), {
        status: 409,
        headers: { "content-type": "application/problem+json" },
      }),
    ]);
    const client = createEntitlementsClient({ ...options, fetch });
    expect(await client.claimSeat("github", "1", "carol")).toEqual({
      granted: false,
      reason: "seat-limit-reached",
      limit: 2,
      used: 2,
      upgradeUrl: "https://github.com/marketplace/acme-ci/upgrade/2/1",
      detail: problem.detail,
    });
    expect(await calls[0]?.json()).toEqual({ userId: "carol" });
  });

  it("times out a hanging attempt", async () => {
    const hanging = ((_input: string | URL | Request, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
        const request = _input instanceof Request ? _input : undefined;
        request?.signal.addEventListener("abort", () => reject(request.signal.reason));
      })) as typeof globalThis.fetch;
    const client = createEntitlementsClient({ ...options, timeoutMs: 20, retries: 1, fetch: hanging });
    await expect(client.getEntitlement("github", "1")).rejects.toMatchObject({
      name: "EntitlementsUnavailableError",
      reason: "timeout",
    });
  });
});
