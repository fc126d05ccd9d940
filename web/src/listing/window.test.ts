import { describe, expect, it } from 'vitest';
import { pagesOf, rowRange, visibleRows } from './window';

describe('visibleRows', () => {
  it('renders only the rows in view plus the overscan', () => {
    expect(visibleRows(0, 360, 36, 100_000, 5)).toEqual({ first: 0, end: 15 });
    expect(visibleRows(36 * 50_000, 360, 36, 100_000, 5)).toEqual({ first: 49_995, end: 50_015 });
  });

  it('stops at the last row however far it scrolled', () => {
    expect(visibleRows(36 * 100_000, 360, 36, 100_000, 5)).toEqual({ first: 99_995, end: 100_000 });
    expect(visibleRows(0, 360, 36, 3, 5)).toEqual({ first: 0, end: 3 });
  });

  it('renders nothing for an empty listing', () => {
    expect(visibleRows(0, 360, 36, 0, 5)).toEqual({ first: 0, end: 0 });
  });
});

describe('pagesOf', () => {
  it('names every page a window touches', () => {
    expect(pagesOf({ first: 95, end: 105 }, 100)).toEqual([0, 1]);
    expect(pagesOf({ first: 200, end: 300 }, 100)).toEqual([2]);
    expect(pagesOf({ first: 0, end: 0 }, 100)).toEqual([]);
  });
});

describe('rowRange', () => {
  it('covers the rows between anchor and target in either direction', () => {
    expect(rowRange(3, 6)).toEqual([3, 4, 5, 6]);
    expect(rowRange(6, 3)).toEqual([3, 4, 5, 6]);
    expect(rowRange(4, 4)).toEqual([4]);
  });
});
