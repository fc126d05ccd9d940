import { describe, expect, it } from 'vitest';
import { nameBatches } from './remote';

describe('nameBatches', () => {
  it('keeps every name, in order, in batches of at most 100', () => {
    const names = Array.from({ length: 250 }, (_, i) => `f${i}`);
    const batches = nameBatches(names);
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(batches.flat()).toEqual(names);
  });

  it('cuts long names into smaller batches so that a request line stays short', () => {
    const names = Array.from({ length: 40 }, (_, i) => `${'x'.repeat(200)}${i}`);
    const batches = nameBatches(names);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) expect(batch.map((n) => n.length + 6).reduce((a, b) => a + b)).toBeLessThanOrEqual(3000);
    expect(batches.flat()).toEqual(names);
  });
});
