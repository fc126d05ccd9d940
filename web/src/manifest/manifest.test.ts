import { describe, expect, it } from 'vitest';
import { CsvError, csvField, parseCsv } from './csv';
import { type ManifestFile, manifestLines, planEdits, readManifest } from './manifest';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('path,note\r\n"a,b.bam","say ""hi""\r\nthen go"\r\n')).toEqual([
      ['path', 'note'], ['a,b.bam', 'say "hi"\r\nthen go']]);
  });

  it('reads LF line ends, a BOM, empty fields and a missing last line break', () => {
    expect(parseCsv('\uFEFFa,b,c\n1,,3\n,,')).toEqual([['a', 'b', 'c'], ['1', '', '3'], ['', '', '']]);
  });

  it('keeps an empty quoted field apart from nothing', () => {
    expect(parseCsv('a,""\n')).toEqual([['a', '']]);
  });

  it('names the line of an unclosed quote and of a stray quote', () => {
    expect(() => parseCsv('a\n"b\nc')).toThrow(new CsvError('line 2: a quoted field is never closed'));
    expect(() => parseCsv('a\nb"c\n')).toThrow(new CsvError('line 2: a quote inside a field that does not start with one'));
    expect(() => parseCsv('"a"b\n')).toThrow(CsvError);
  });

  it('quotes only the fields that need it, and reads back what it wrote', () => {
    const values = ['plain', 'a,b', 'say "x"', 'two\nlines', '', ' spaced '];
    expect(values.map(csvField)).toEqual(['plain', '"a,b"', '"say ""x"""', '"two\nlines"', '', ' spaced ']);
    expect(parseCsv(values.map(csvField).join(',') + '\r\n')).toEqual([values]);
  });
});

describe('manifest export', () => {
  it('has a path column, a column per key in order, and empty cells for keys a file lacks', () => {
    const text = manifestLines([
      { path: 'run1/a.bam', metadata: { sample: 'S1', platform: 'ILLUMINA' } },
      { path: 'run1/b, "odd".bam', metadata: { sample: 'S2', note: 'two\nlines' } },
    ]).join('');
    expect(text).toBe('path,note,platform,sample\r\nrun1/a.bam,,ILLUMINA,S1\r\n"run1/b, ""odd"".bam","two\nlines",,S2\r\n');
  });

  it('reads back as the same metadata', () => {
    const files: ManifestFile[] = [{ path: 'a', metadata: { k: 'v,1' } }, { path: 'b/c', metadata: { k: '"q"', j: 'x' } }];
    expect(readManifest(manifestLines(files).join('')).rows.map(({ path, metadata }) => ({ path, metadata }))).toEqual(files);
  });
});

describe('manifest import', () => {
  it('leaves a key unset when its cell is empty', () => {
    const { rows } = readManifest('path,sample,platform\na.bam,,ILLUMINA\nb.bam,S2,\n');
    expect(rows.map((r) => r.metadata)).toEqual([{ platform: 'ILLUMINA' }, { sample: 'S2' }]);
  });

  it('matches rows by path, reports unknown paths and skips rows with nothing to set', () => {
    const { rows } = readManifest('sample,path\nS1,./run1/a.bam\nS2,/missing.bam\n,run1/empty.bam\n');
    const ids: Record<string, string> = { 'run1/a.bam': 'id-a', 'run1/empty.bam': 'id-e' };
    expect(planEdits(rows, (p) => ids[p])).toEqual({
      edits: [{ id: 'id-a', path: 'run1/a.bam', metadata: { sample: 'S1' } }],
      unknown: ['missing.bam'],
    });
  });

  it('reports rows of the wrong length, without a path, or repeating a path, and keeps the rest', () => {
    const { rows, problems } = readManifest('path,k\na,1\nb,2,3\n,4\na,5\n\nc,6\n');
    expect(rows.map((r) => [r.path, r.metadata.k])).toEqual([['a', '1'], ['c', '6']]);
    expect(problems).toEqual([
      'row 3: 3 cells where the header has 2; skipped',
      'row 4: no path; skipped',
      'row 5: a is already on row 2; skipped',
    ]);
  });

  it('refuses a header without a path column, with an unnamed or a repeated column', () => {
    expect(() => readManifest('name,k\na,1\n')).toThrow('no "path" column');
    expect(() => readManifest('path,,k\n')).toThrow('column 2 of the header has no name');
    expect(() => readManifest('path,k,k\n')).toThrow('names the column "k" twice');
    expect(() => readManifest('')).toThrow('the manifest is empty');
  });
});
