// The one way the page talks to the server: the public v2 API (and the web sign-in exchange),
// same origin, the token in a header. Errors become ApiError with the server's own words.

export class ApiError extends Error {
  /** A 429's Retry-After, in seconds (the upload manager waits that long before trying again). */
  retryAfterSeconds: number | null = null;

  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export interface Listing<T> {
  items: T[];
  total: number;
}

export interface SbFile {
  id: string;
  name: string;
  type: 'file' | 'folder';
  size: number;
  project: string;
  parent: string | null;
  created_on: string;
  modified_on: string;
  origin: { task?: string };
  tags: string[];
  metadata: Record<string, string>;
  md5?: string | null;
  sha256?: string | null;
  drs_uri?: string | null;
  _secondary_files?: SbFile[];
  /** SeqVault's own: what was read from the file's header (docs/genomics.md); absent for other files. */
  extracted_metadata?: { status: string; keys: string[] };
  [key: string]: unknown;
}

export interface SbProject {
  id: string;
  name: string;
  description: string | null;
  root_folder: string;
  created_by: string;
}

export interface Permissions {
  read: boolean;
  write: boolean;
  copy: boolean;
  execute: boolean;
  admin: boolean;
}

export interface SbMember {
  username: string;
  permissions: Permissions;
}

export interface SbUser {
  username: string;
  email?: string;
}

/** Words a person understands for a failure the server did not explain. */
function fallbackMessage(status: number): string {
  if (status === 401) return 'Your sign-in is no longer valid. Sign in again.';
  if (status === 403) return 'You do not have permission to do that.';
  if (status === 404) return 'Not found: it may have been moved or deleted.';
  if (status === 429) return 'The server is busy; try again in a moment.';
  return `The server could not do that (HTTP ${status}).`;
}

async function errorOf(response: Response): Promise<ApiError> {
  let message = fallbackMessage(response.status);
  try {
    const body = await response.json();
    // v2 and DRS say `message`, v1 `error.message`, htsget `htsget.message`.
    const said = body?.message ?? body?.error?.message ?? body?.htsget?.message;
    if (typeof said === 'string' && said.length > 0) message = said;
  } catch {
    // Not JSON: keep the plain words.
  }
  const error = new ApiError(response.status, message);
  const retryAfter = Number(response.headers.get('Retry-After'));
  if (Number.isFinite(retryAfter) && retryAfter > 0) error.retryAfterSeconds = retryAfter;
  return error;
}

/** A list value repeats the parameter (`name=a&name=b`, which the v2 API reads as either). */
export type Query = Record<string, string | number | undefined | null | string[]>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) value.forEach((v) => params.append(key, v));
    else if (value !== undefined && value !== null && value !== '') params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export class Api {
  /** `token` is read by the genome view too, which hands it to igv.js for its htsget tickets. */
  constructor(readonly token: string, private readonly onUnauthorized: () => void = () => {}) {}

  async call<T>(method: string, path: string, body?: unknown, query?: Query): Promise<{ json: T; headers: Headers }> {
    let response: Response;
    try {
      response = await fetch(withQuery(path, query), {
        method,
        headers: {
          'X-SBG-Auth-Token': this.token,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, 'Could not reach the server. Check your connection and try again.');
    }
    if (!response.ok) {
      if (response.status === 401) this.onUnauthorized();
      throw await errorOf(response);
    }
    const json = response.status === 204 ? (null as T) : ((await response.json()) as T);
    return { json, headers: response.headers };
  }

  async get<T>(path: string, query?: Query): Promise<T> {
    return (await this.call<T>('GET', path, undefined, query)).json;
  }

  async send<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    return (await this.call<T>(method, path, body ?? null, query)).json;
  }

  /** A page of a v2 list envelope with the X-Total-Matching-Query count. */
  async list<T>(path: string, query: Query): Promise<Listing<T>> {
    const { json, headers } = await this.call<{ items: T[] }>('GET', path, undefined, query);
    const total = Number(headers.get('X-Total-Matching-Query') ?? json.items.length);
    return { items: json.items, total };
  }

  me(): Promise<SbUser> {
    return this.get('/v2/user');
  }

  file(id: string): Promise<SbFile> {
    return this.get(`/v2/files/${encodeURIComponent(id)}`);
  }
}

/** Every project the user is a member of, page by page. */
export async function allProjects(api: Api): Promise<SbProject[]> {
  const all: SbProject[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await api.list<SbProject>('/v2/projects', { offset, limit: 100 });
    all.push(...page.items);
    if (page.items.length < 100 || all.length >= page.total) return all;
  }
}

export const SESSION_LIFETIME_SECONDS = 12 * 60 * 60;

/**
 * Trades a sign-in link from `seqvault web` (a token of the user that lives 60 seconds) for a
 * session token of the same user (12 hours), then revokes the link's token so it works once.
 */
export async function tradeSignInLink(tokenId: string, secret: string): Promise<{ id: string; token: string }> {
  const link = new Api(secret);
  let session: { id: string; token: string };
  try {
    session = await link.send('POST', '/v1/tokens', {
      scopes: ['files', 'projects', 'tokens'], expires_in: SESSION_LIFETIME_SECONDS, description: 'web session',
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      throw new ApiError(401, 'This sign-in link has expired or was already used. Run seqvault web again.');
    }
    throw error;
  }
  await link.send('DELETE', `/v1/tokens/${encodeURIComponent(tokenId)}`, {});
  return session;
}
