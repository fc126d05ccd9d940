import { describe, expect, it } from 'vitest';
import { MAX_PARTS, MiB, partsStillToSend, planParts, PREFERRED_PART_SIZE, requestedPartSize } from './plan';

describe('planParts', () => {
  it('covers the file exactly, in order, with a shorter last part', () => {
    const parts = planParts(10 * MiB + 3, 4 * MiB);
    expect(parts.map((p) => p.number)).toEqual([1, 2, 3]);
    expect(parts[0]).toEqual({ number: 1, start: 0, end: 4 * MiB });
    expect(parts[2]).toEqual({ number: 3, start: 8 * MiB, end: 10 * MiB + 3 });
  });

  it('cuts a size that is a multiple of the part size into full parts only', () => {
    const parts = planParts(8 * MiB, 4 * MiB);
    expect(parts).toHaveLength(2);
    expect(parts[1].end - parts[1].start).toBe(4 * MiB);
  });

  it('sends an empty file as one empty part', () => {
    expect(planParts(0, 5)).toEqual([{ number: 1, start: 0, end: 0 }]);
  });

  it('refuses sizes that are not whole non-negative numbers', () => {
    expect(() => planParts(-1, 5)).toThrow();
    expect(() => planParts(10, 0)).toThrow();
    expect(() => planParts(1.5, 1)).toThrow();
  });
});

describe('requestedPartSize', () => {
  it('asks for one part of the file size for a small file, and 1 byte for an empty one', () => {
    expect(requestedPartSize(1000)).toBe(1000);
    expect(requestedPartSize(0)).toBe(1);
  });

  it('asks for the preferred size for a 2 GiB file', () => {
    expect(requestedPartSize(2048 * MiB)).toBe(PREFERRED_PART_SIZE);
  });

  it('grows the part size so that a huge file stays within the part count limit', () => {
    const size = 200 * 1024 * MiB; // 200 GiB
    const partSize = requestedPartSize(size);
    expect(partSize).toBeGreaterThan(PREFERRED_PART_SIZE);
    expect(planParts(size, partSize).length).toBeLessThanOrEqual(MAX_PARTS);
  });
});

describe('partsStillToSend', () => {
  const plan = planParts(10, 4); // 4 + 4 + 2

  it('skips the parts the server holds whole and sends the rest', () => {
    const left = partsStillToSend(plan, [{ part_number: 1, size: 4 }, { part_number: 3, size: 2 }]);
    expect(left.map((p) => p.number)).toEqual([2]);
  });

  it('sends again a part the server holds shorter than planned', () => {
    const left = partsStillToSend(plan, [{ part_number: 1, size: 4 }, { part_number: 2, size: 1 }]);
    expect(left.map((p) => p.number)).toEqual([2, 3]);
  });

  it('sends everything when the server holds nothing', () => {
    expect(partsStillToSend(plan, []).map((p) => p.number)).toEqual([1, 2, 3]);
  });
});
