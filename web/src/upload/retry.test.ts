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
