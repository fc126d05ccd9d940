import { describe, expect, it } from 'vitest';
import { Aborted, backoffDelay, HttpFailure, isRetryable, withRetry } from './retry';

const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 250 };

function recordingSleep() {
  const pauses: number[] = [];
  return { pauses, sleep: async (ms: number) => { pauses.push(ms); } };
}

describe('withRetry', () => {
  it('tries again after a network failure and a 503, pausing longer each time', async () => {
    const { pauses, sleep } = recordingSleep();
    const failures = [new TypeError('Failed to fetch'), new HttpFailure(503, 'busy')];
    let calls = 0;
    const result = await withRetry(async () => {
      calls++;
      const next = failures.shift();
      if (next) throw next;
      return 'ok';
    }, { policy, sleep });
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(pauses).toEqual([100, 200]);
  });

  it('gives up after the last try with the last error', async () => {
    const { pauses, sleep } = recordingSleep();
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw new HttpFailure(500, `try ${calls}`); }, { policy, sleep }))
      .rejects.toThrow('try 4');
    expect(calls).toBe(4);
    expect(pauses).toEqual([100, 200, 250]); // capped at maxDelayMs
  });

  it('does not retry a refusal', async () => {
    const { pauses, sleep } = recordingSleep();
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw new HttpFailure(403, 'no'); }, { policy, sleep })).rejects.toThrow('no');
    expect(calls).toBe(1);
    expect(pauses).toEqual([]);
  });

  it('waits out a 429 for as long as its Retry-After says, without using up a try', async () => {
    const { pauses, sleep } = recordingSleep();
    const limited = () => Object.assign(new HttpFailure(429, 'rate limit'), { retryAfterSeconds: 7 });
    const failures = [limited(), limited(), limited(), limited(), new HttpFailure(503, 'busy'), limited()];
    let calls = 0;
    const result = await withRetry(async () => {
      calls++;
      const next = failures.shift();
      if (next) throw next;
      return 'ok';
    }, { policy, sleep });
    expect(result).toBe('ok');
    expect(calls).toBe(7); // more calls than the policy's 4 tries: the 429s did not count
    expect(pauses).toEqual([7000, 7000, 7000, 7000, 100, 7000]);
  });

  it('does not wait out 429s for ever', async () => {
    const { pauses, sleep } = recordingSleep();
    let calls = 0;
    await expect(withRetry(async () => {
      calls++;
      throw Object.assign(new HttpFailure(429, 'rate limit'), { retryAfterSeconds: 1 });
    }, { policy, sleep })).rejects.toThrow('rate limit');
    expect(pauses.filter((p) => p === 1000)).toHaveLength(20);
    expect(calls).toBe(20 + 4);
  });

  it('stops at once when paused', async () => {
    const control = new AbortController();
    let calls = 0;
    const sleep = async () => { control.abort(); };
    await expect(withRetry(async () => { calls++; throw new HttpFailure(502, 'bad gateway'); },
      { policy, sleep, signal: control.signal })).rejects.toBeInstanceOf(Aborted);
    expect(calls).toBe(1);
  });
});

describe('isRetryable', () => {
  it('retries what may pass and nothing else', () => {
    expect([0, 408, 429, 500, 503].map((s) => isRetryable(new HttpFailure(s, '')))).toEqual([true, true, true, true, true]);
    expect([400, 401, 403, 404, 409, 413].map((s) => isRetryable(new HttpFailure(s, '')))).toEqual([false, false, false, false, false, false]);
    expect(isRetryable(new TypeError('Failed to fetch'))).toBe(true);
    expect(isRetryable(new Aborted())).toBe(false);
  });

  it('doubles the pause from the base', () => {
    expect([2, 3, 4].map((a) => backoffDelay({ attempts: 9, baseDelayMs: 10, maxDelayMs: 1000 }, a))).toEqual([10, 20, 40]);
  });
});
