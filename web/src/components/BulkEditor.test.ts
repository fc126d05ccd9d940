import { describe, expect, it } from 'vitest';
import type { SbFile } from '../api/client';
import { changesOf } from './BulkEditor';

const file = (metadata: Record<string, string>, tags: string[]) =>
  ({ id: 'f1', name: 'a.bam', type: 'file', metadata, tags } as unknown as SbFile);

describe('changesOf', () => {
  it('sends only changed keys, and null for an emptied one', () => {
    const before = file({ sample: 'S1', lib: 'L1' }, ['wgs']);
    expect(changesOf(before, { file: before, metadata: { sample: 'S2', lib: '' }, tags: 'wgs' }))
      .toEqual({ metadata: { sample: 'S2', lib: null } });
  });

  it('sends a new key, and the tags only when they changed', () => {
    const before = file({}, ['wgs']);
    expect(changesOf(before, { file: before, metadata: { run: 'R7' }, tags: 'wgs, tumor' }))
      .toEqual({ metadata: { run: 'R7' }, tags: ['wgs', 'tumor'] });
  });

  it('is null when nothing changed (an empty cell of a key the file never had included)', () => {
    const before = file({ sample: 'S1' }, []);
    expect(changesOf(before, { file: before, metadata: { sample: 'S1', lib: '' }, tags: ' ' })).toBeNull();
  });
});
