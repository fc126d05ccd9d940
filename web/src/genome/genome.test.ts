import { describe, expect, it } from 'vitest';
import type { SbFile } from '../api/client';
import { BadRegion, bamContigs, checkRegion, chromSizes, genomeKindOf, INDEXABLE_LENGTH, linkedIndex, parseRegion,
  tokenWouldLeak, vcfContigs } from './genome';
import { decodeDataUrl } from './header';

const file = (name: string, ...indexes: string[]) =>
  ({ id: 'f1', name, _secondary_files: indexes.map((n, i) => ({ id: `i${i}`, name: n })) } as unknown as SbFile);

describe('genomeKindOf', () => {
  it('offers a view of an indexed BAM or bgzipped VCF, read through the matching htsget endpoint', () => {
    expect(genomeKindOf(file('a.bam', 'a.bam.bai'))).toEqual({ kind: { endpoint: 'reads', track: 'alignment', format: 'bam' } });
    expect(genomeKindOf(file('a.bam', 'a.bai'))).toMatchObject({ kind: { format: 'bam' } });
    expect(genomeKindOf(file('a.bam', 'a.bam.csi'))).toMatchObject({ kind: { format: 'bam' } });
    expect(genomeKindOf(file('c.vcf.gz', 'c.vcf.gz.tbi'))).toEqual({ kind: { endpoint: 'variants', track: 'variant', format: 'vcf' } });
    expect(genomeKindOf(file('c.vcf.bgz', 'c.vcf.bgz.csi'))).toMatchObject({ kind: { format: 'vcf' } });
  });

  it('offers a view of an indexed CRAM (read by igv with a reference, its header through htsget)', () => {
    expect(genomeKindOf(file('r.cram', 'r.cram.crai'))).toEqual({ kind: { endpoint: 'reads', track: 'alignment', format: 'cram' } });
    expect(genomeKindOf(file('r.cram', 'r.crai'))).toMatchObject({ kind: { format: 'cram' } });
    expect(linkedIndex(file('r.cram', 'notes.txt', 'r.crai'))).toMatchObject({ name: 'r.crai' });
  });

  it('says why there is no view: no index, an index of another kind, BCF; nothing for other files', () => {
    expect(genomeKindOf(file('a.bam'))).toEqual({ none: 'Upload its index (a.bam.bai) beside it to see a region.' });
    expect(genomeKindOf(file('c.vcf.gz', 'c.vcf.gz.bai'))).toHaveProperty('none');
    expect(genomeKindOf(file('r.cram'))).toEqual({ none: 'Upload its index (r.cram.crai) beside it to see a region.' });
    expect(genomeKindOf(file('r.cram', 'r.cram.bai'))).toHaveProperty('none');
    expect(genomeKindOf(file('v.bcf', 'v.bcf.csi'))).toHaveProperty('none');
    expect(genomeKindOf(file('c.vcf'))).toBeNull();
    expect(genomeKindOf(file('notes.txt'))).toBeNull();
  });
});

describe('parseRegion', () => {
  it('reads contig:start-end (1-based, commas allowed), and a contig alone as its first bases', () => {
    expect(parseRegion(' chr1:1-20,000 ')).toEqual({ contig: 'chr1', start: 1, end: 20000 });
    expect(parseRegion('HLA-A*01:01:01:01:5-10')).toEqual({ contig: 'HLA-A*01:01:01:01', start: 5, end: 10 });
    expect(parseRegion('chrX')).toEqual({ contig: 'chrX', start: 1, end: 20000 });
  });

  it('refuses what is not a region, in words', () => {
    expect(() => parseRegion('chr1:0-10')).toThrow(BadRegion);
    expect(() => parseRegion('chr1:20-10')).toThrow('not after the end');
    expect(() => parseRegion('')).toThrow('chr1:1-20000');
    expect(() => parseRegion('chr1 2')).toThrow(BadRegion);
  });
});

/** A decompressed BAM header: magic, text, and the binary reference list. */
function bamHeaderBytes(text: string, refs: [string, number][]): Uint8Array {
  const enc = new TextEncoder();
  const parts: number[] = [66, 65, 77, 1];
  const int = (n: number) => { const b = new Uint8Array(4); new DataView(b.buffer).setInt32(0, n, true); parts.push(...b); };
  const t = enc.encode(text);
  int(t.length);
  parts.push(...t);
  int(refs.length);
  for (const [name, length] of refs) {
    const n = enc.encode(name);
    int(n.length + 1);
    parts.push(...n, 0);
    int(length);
  }
  return new Uint8Array(parts);
}

describe('contigs from a header', () => {
  it('reads a BAM header\'s reference list, whatever its text says', () => {
    const bytes = bamHeaderBytes('@HD\tVN:1.6\n@SQ\tSN:chr1\tLN:248956422\n', [['chr1', 248956422], ['chrM', 16569]]);
    expect(bamContigs(bytes)).toEqual([{ name: 'chr1', length: 248956422 }, { name: 'chrM', length: 16569 }]);
    expect(() => bamContigs(new TextEncoder().encode('##fileformat=VCFv4.2\n'))).toThrow('not a BAM header');
  });

  it('reads a VCF header\'s ##contig lines with a length, in any order of their fields', () => {
    const header = '##fileformat=VCFv4.2\n##contig=<ID=1,length=249250621,assembly=b37>\n'
      + '##contig=<assembly=b37,length=16569,ID=MT>\n##contig=<ID=unplaced>\n#CHROM\tPOS\n##contig=<ID=late,length=5>\n';
    expect(vcfContigs(header)).toEqual([{ name: '1', length: 249250621 }, { name: 'MT', length: 16569 }]);
  });

  it('builds igv\'s chrom.sizes; a contig of unknown length gets the indexable length', () => {
    const contigs = [{ name: 'chr1', length: 1000 }];
    expect(chromSizes(contigs, { contig: 'chr1', start: 1, end: 10 })).toBe('chr1\t1000\n');
    expect(chromSizes([], { contig: '7', start: 1, end: 10 })).toBe(`7\t${INDEXABLE_LENGTH}\n`);
  });

  it('refuses a region on a contig the file lacks, or past its end; knows nothing without contigs', () => {
    const contigs = [{ name: 'chr1', length: 1000 }, { name: 'chr2', length: 500 }];
    expect(() => checkRegion({ contig: 'chrZ', start: 1, end: 5 }, contigs)).toThrow('has no contig "chrZ" (it has chr1, chr2)');
    expect(() => checkRegion({ contig: 'chr2', start: 501, end: 600 }, contigs)).toThrow('500 bases long');
    expect(() => checkRegion({ contig: 'chr2', start: 500, end: 600 }, contigs)).not.toThrow();
    expect(() => checkRegion({ contig: 'any', start: 1, end: 5 }, [])).not.toThrow();
  });
});

describe('tokenWouldLeak', () => {
  const page = new URL('http://seqvault.lab:8080/#/p/x');
  it('is true only for a block on the page\'s host name at another origin (igv matches host names)', () => {
    expect(tokenWouldLeak(['http://seqvault.lab:8080/_blob/dl/x', 'data:;base64,AA=='], page)).toBe(false);
    expect(tokenWouldLeak(['https://bucket.s3.amazonaws.com/x?X-Amz-Signature=1'], page)).toBe(false);
    expect(tokenWouldLeak(['http://seqvault.lab:9000/bucket/x'], page)).toBe(true);
  });
});

describe('decodeDataUrl', () => {
  it('decodes base64 and percent-encoded data URLs as htsget tickets carry them', () => {
    expect([...decodeDataUrl('data:;base64,H4sI')]).toEqual([0x1f, 0x8b, 0x08]);
    expect(new TextDecoder().decode(decodeDataUrl('data:text/plain,a%20b'))).toBe('a b');
  });
});
