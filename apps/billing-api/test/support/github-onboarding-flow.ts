import type { Express } from "express";
import request from "supertest";
import type { GithubConfig } from "../../src/config/config.js";
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, type FakeGithub } from "./fake-github.js";

export const PRODUCT_URL = "https://product.example.test/github/welcome";

/** Onboarding settings pointing at the fake GitHub. */
export function fakeGithubConfig(fake: FakeGithub, overrides: Partial<GithubConfig> = {}): GithubConfig {
  return {
    clientId: FAKE_CLIENT_ID,
    clientSecret: FAKE_CLIENT_SECRET,
    appId: undefined,
    appPrivateKey: undefined,
    apiUrl: fake.url,
    webUrl: fake.url,
    productOnboardingUrl: PRODUCT_URL,
    stubbed: false,
    reconcileIntervalMs: 0,
    ...overrides,
  };
}

export interface StartedFlow {
  state: string;
  /** The `Cookie` header the browser sends back. */
  cookie: string;
  authorizeUrl: URL;
}

/** What a browser does at the Setup URL: follow the redirect to GitHub, keep the cookie. */
export async function startFlow(app: Express, query = ""): Promise<StartedFlow> {
  const response = await request(app).get(`/github/setup${query}`).expect(302);
  const authorizeUrl = new URL(response.headers.location ?? "");
  const setCookie = ([] as string[]).concat(response.headers["set-cookie"] ?? []);
  const cookie = setCookie.map((value) => value.split(";")[0]).join("; ");
  return { state: authorizeUrl.searchParams.get("state") ?? "", cookie, authorizeUrl };
}

/** GitHub sends the browser back to the callback; returns where the service sends it next. */
export async function callback(app: Express, params: Record<string, string>, cookie?: string) {
  let call = request(app).get("/github/callback").query(params);
  if (cookie) {
    call = call.set("Cookie", cookie);
  }
  const response = await call;
  const location = response.headers.location ? new URL(response.headers.location) : null;
  return { response, location };
}
