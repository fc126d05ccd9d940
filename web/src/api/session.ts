// The token lives in this tab's sessionStorage only: never in a URL, a cookie, localStorage or a log.
const KEY = 'seqvault.token';

export function storedToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}
