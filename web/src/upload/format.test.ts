import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration } from './format';

describe('format', () => {
  it('writes sizes in binary units', () => {
    expect([0, 1023, 1024, 1536, 10 * 1024 * 1024, 2 ** 31].map(formatBytes))
      .toEqual(['0 B', '1023 B', '1.0 KiB', '1.5 KiB', '10 MiB', '2.0 GiB']);
  });

  it('writes durations in the largest sensible units', () => {
    expect([0.4, 59, 61, 3600 + 120].map(formatDuration)).toEqual(['0 s', '59 s', '1 min 1 s', '1 h 2 min']);
  });
});
