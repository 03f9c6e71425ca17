/**
 * The admin API key the operator signed in with. Kept in sessionStorage: gone when the tab closes, never
 * sent as a cookie, so no other page can make the browser use it.
 */
const STORAGE_KEY = "marketplace-billing.console.apiKey";

export function storedApiKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function storeApiKey(key: string): void {
  sessionStorage.setItem(STORAGE_KEY, key);
}

export function forgetApiKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
