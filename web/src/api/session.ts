// The token lives in this tab's sessionStorage only: never in a URL, a cookie, localStorage or a log.
const KEY = 'seqvault.token';
/** Set when the session token was made by the page from a sign-in link: Sign out then revokes it. */
const SESSION_ID_KEY = 'seqvault.session-token-id';

export function storedToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(SESSION_ID_KEY);
}

export function storeSessionTokenId(id: string): void {
  sessionStorage.setItem(SESSION_ID_KEY, id);
}

export function sessionTokenId(): string | null {
  return sessionStorage.getItem(SESSION_ID_KEY);
}
