// Retrying what failed for a reason that may pass (the network, a busy or restarting server),
// with a growing pause between tries; a refusal (a 4xx other than 408/429) is final at once.

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** The pause before the second try; each further pause doubles, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 15_000 };

/** A rate limit's pause is waited out, not counted as a try, up to this long each time and this often. */
export const MAX_RATE_LIMIT_WAIT_MS = 5 * 60_000;
export const MAX_RATE_LIMIT_WAITS = 20;

/** An HTTP answer that was not a success, with its status (0: no answer at all). */
export class HttpFailure extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export class Aborted extends Error {
  constructor() {
    super('paused');
  }
}

export function isRetryable(error: unknown): boolean {
  if (error instanceof Aborted) return false;
  const status = (error as { status?: unknown })?.status;
  if (typeof status !== 'number') return true; // a TypeError from fetch: the network
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/** How long a 429 asked to wait (its Retry-After), or null for any other failure. */
export function rateLimitWait(error: unknown): number | null {
  const e = error as { status?: unknown; retryAfterSeconds?: unknown };
  if (e?.status !== 429 || typeof e.retryAfterSeconds !== 'number') return null;
  return Math.min(MAX_RATE_LIMIT_WAIT_MS, e.retryAfterSeconds * 1000);
}

/** The pause before try number `attempt` (2, 3, …): base·2^(attempt-2), capped. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 2));
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) => new Promise((resolve, reject) => {
  if (signal?.aborted) return reject(new Aborted());
  const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
  const onAbort = () => { clearTimeout(timer); reject(new Aborted()); };
  signal?.addEventListener('abort', onAbort, { once: true });
});

/**
 * Runs `work` until it succeeds, the error is not retryable, the tries are used up, or `signal`
 * aborts (a pause). `onRetry` hears of each failure that will be tried again.
 */
export async function withRetry<T>(work: () => Promise<T>, options: {
  policy?: RetryPolicy; sleep?: Sleep; signal?: AbortSignal; onRetry?: (error: unknown, attempt: number) => void;
} = {}): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? realSleep;
  let rateLimitWaits = 0;
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw new Aborted();
    try {
      return await work();
    } catch (error) {
      if (options.signal?.aborted) throw new Aborted();
      const wait = rateLimitWait(error);
      if (wait !== null && rateLimitWaits < MAX_RATE_LIMIT_WAITS) {
        // The server said when to come back: a wait, not a failed try (as the CLI and SDK do).
        rateLimitWaits++;
        attempt--;
        options.onRetry?.(error, attempt);
        await sleep(wait, options.signal);
        continue;
      }
      if (attempt >= policy.attempts || !isRetryable(error)) throw error;
      options.onRetry?.(error, attempt);
      await sleep(backoffDelay(policy, attempt + 1), options.signal);
    }
  }
}
