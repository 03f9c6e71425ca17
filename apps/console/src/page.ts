import type { Api } from "./api.js";

export interface PageContext {
  api: Api;
  /** The query of the route (`#/events?status=failed` → status=failed). */
  params: URLSearchParams;
  /** The path segments after the page name (`#/accounts/github/42` → ["github", "42"]). */
  segments: string[];
  root: HTMLElement;
  navigate(route: string): void;
}

/** One page of the console: renders itself into `root`, fetching what it shows. */
export type Page = (context: PageContext) => Promise<void>;

export function route(path: string, params: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value) {
      query.set(name, value);
    }
  }
  const search = query.toString();
  return `#/${path}${search ? `?${search}` : ""}`;
}
