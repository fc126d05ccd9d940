import { describe, expect, it } from 'vitest';
import type { SbFile } from '../api/client';
import fai from '../../test/fixtures/cram/ref.fa.fai?raw';
import { faiContigs, fastaOfIndex, fitsAll, isFastaName, namesBeside, preselect, type Reference, referenceMismatch,
  referencesIn } from './reference';

const file = (name: string, type: 'file' | 'folder' = 'file') => ({ id: `id-${name}`, name, type, size: 10 } as unknown as SbFile);

describe('reference candidates', () => {
  it('knows FASTA names igv reads with an index: plain .fa/.fasta/.fna, bgzipped .fa.gz/.fasta.gz', () => {
    for (const name of ['hg38.fa', 'x.FASTA', 'GRCh38.fna', 'hg38.fa.gz', 'x.fasta.gz']) expect(isFastaName(name)).toBe(true);
    for (const name of ['x.fastq', 'x.fastq.gz', 'x.fna.bgz', 'x.fa.bz2', 'x.bam', 'fa']) expect(isFastaName(name)).toBe(false);
    expect(fastaOfIndex('hg38.fa.fai')).toBe('hg38.fa');
    expect(fastaOfIndex('hg38.fa.gz.fai')).toBe('hg38.fa.gz');
    expect(fastaOfIndex('reads.fastq.fai')).toBeNull();
    expect(fastaOfIndex('hg38.fa')).toBeNull();
  });

  it('looks up each .fai\'s FASTA beside it, and the .gzi of a bgzipped one', () => {
    expect(namesBeside(['a.fa.fai', 'b.fasta.gz.fai', 'notes.fai', 'c.fna.fai']))
      .toEqual(['a.fa', 'b.fasta.gz', 'b.fasta.gz.gzi', 'c.fna']);
  });

  it('pairs each index with its FASTA; a bgzipped FASTA needs its .gzi; a folder or a missing FASTA is no candidate', () => {
    const indexes = [file('a.fa.fai'), file('b.fa.gz.fai'), file('c.fa.gz.fai'), file('d.fa.fai'), file('e.fa.fai')];
    const found = [file('a.fa'), file('b.fa.gz'), file('b.fa.gz.gzi'), file('c.fa.gz'), file('e.fa', 'folder')];
    const refs = referencesIn('refs/hg38', indexes, found);
    expect(refs.map((r) => r.path)).toEqual(['refs/hg38/a.fa', 'refs/hg38/b.fa.gz']);
    expect(refs[0]).toEqual({ fasta: found[0], fai: indexes[0], path: 'refs/hg38/a.fa' });
    expect(refs[1].gzi).toBe(found[2]);
    expect(referencesIn('', [file('a.fa.fai')], [file('a.fa')])[0].path).toBe('a.fa');
  });
});

describe('whether a reference fits the CRAM', () => {
  const cram = [{ name: 'chrA', length: 700 }, { name: 'chrB', length: 1300 }];

  it('reads a .fai written by samtools faidx', () => {
    expect(faiContigs(fai)).toEqual(cram);
    expect(faiContigs('chr1\t10\t6\t60\t61\r\nbroken line\nchr2\tx\t1\t1\t1\n\n')).toEqual([{ name: 'chr1', length: 10 }]);
  });

  it('fits when every contig of the file is in the reference at the same length (the reference may have more)', () => {
    expect(fitsAll(cram, [...cram, { name: 'chrM', length: 16569 }])).toBe(true);
    expect(fitsAll(cram, [{ name: 'chrA', length: 700 }, { name: 'chrB', length: 1299 }])).toBe(false);
    expect(fitsAll(cram, [{ name: 'chrA', length: 700 }])).toBe(false);
    expect(fitsAll([], cram)).toBe(false);
  });

  it('says in words why a reference does not fit the region\'s contig', () => {
    expect(referenceMismatch('chrA', cram, cram, 'ref.fa', 'r.cram')).toBeNull();
    expect(referenceMismatch('chrB', cram, [{ name: 'chrB', length: 1500 }], 'refs/other.fa', 'r.cram')).toBe(
      'The reference refs/other.fa does not fit r.cram: its chrB is 1,500 bases long, the file\'s is 1,300. '
      + 'Choose the reference the file was written against.');
    expect(referenceMismatch('chrB', cram, [{ name: '2', length: 1300 }], 'b37.fa', 'r.cram'))
      .toContain('The reference b37.fa has no contig "chrB"');
    // Only the region's contig matters: another contig's length is not this view's concern.
    expect(referenceMismatch('chrA', cram, [{ name: 'chrA', length: 700 }], 'half.fa', 'r.cram')).toBeNull();
  });

  it('preselects the remembered reference, else the first that fits, else the first', () => {
    const refs = ['a.fa', 'b.fa', 'c.fa'].map((path) => ({ path } as Reference));
    expect(preselect(refs, [false, true, true], 'c.fa')).toBe(2);
    expect(preselect(refs, [false, true, true], 'gone.fa')).toBe(1);
    expect(preselect(refs, [false, false, false], null)).toBe(0);
  });
});
