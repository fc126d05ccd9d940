import { describe, expect, it } from 'vitest';
import { bamHeader, kindOf, NotText, textPreview } from './formats';
import { bgzfBlocks, inflatePrefix, isGzip } from './gunzip';
import { totalOf } from './head';

/** Compresses with the platform's CompressionStream, the counterpart of what the preview uses. */
async function compressed(format: CompressionFormat, data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream(format));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** One BGZF block as bgzip writes it: a gzip member with the BC extra field giving its length. */
async function bgzfBlock(data: Uint8Array): Promise<Uint8Array> {
  const deflated = await compressed('deflate-raw', data);
  const block = new Uint8Array(18 + deflated.length + 8);
  const view = new DataView(block.buffer);
  block.set([0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0xff, 6, 0, 66, 67, 2, 0]);
  view.setUint16(16, block.length - 1, true);
  block.set(deflated, 18);
  view.setUint32(18 + deflated.length, crc32(data), true);
  view.setUint32(22 + deflated.length, data.length, true);
  return block;
}

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};

describe('inflatePrefix', () => {
  it('inflates every complete BGZF block in order and leaves out the one the range cut', async () => {
    const a = await bgzfBlock(bytes('##fileformat=VCFv4.2\n'));
    const b = await bgzfBlock(bytes('#CHROM\tPOS\n'));
    const c = await bgzfBlock(bytes('chr1\t100\n'));
    const cut = concat(a, b, c.subarray(0, c.length - 5));
    expect(bgzfBlocks(cut)).toEqual([[0, a.length], [a.length, a.length + b.length]]);
    expect(text(await inflatePrefix(cut))).toBe('##fileformat=VCFv4.2\n#CHROM\tPOS\n');
    expect(text(await inflatePrefix(concat(a, b, c)))).toBe('##fileformat=VCFv4.2\n#CHROM\tPOS\nchr1\t100\n');
  });

  it('keeps what a plain gzip stream gave before the range cut it off', async () => {
    const original = Array.from({ length: 5000 }, (_, i) => `@read${i}\nACGT\n+\nIIII\n`).join('');
    const gz = await compressed('gzip', bytes(original));
    expect(isGzip(gz)).toBe(true);
    expect(bgzfBlocks(gz)).toEqual([]); // plain gzip has no BC field
    const out = text(await inflatePrefix(gz.subarray(0, Math.floor(gz.length / 2))));
    expect(out.length).toBeGreaterThan(1000);
    expect(original.startsWith(out)).toBe(true);
  });

  it('stops at the limit', async () => {
    const gz = await compressed('gzip', bytes('x'.repeat(100_000)));
    expect((await inflatePrefix(gz, 1000)).length).toBe(1000);
  });
});

describe('textPreview', () => {
  it('shows the first FASTQ records and drops a line the range cut', () => {
    const head = Array.from({ length: 20 }, (_, i) => `@r${i}\nACGT\n+\nIIII\n`).join('') + '@r20\nAC';
    const p = textPreview('fastq', bytes(head), false);
    expect(p.lines).toHaveLength(40);
    expect(p.lines[0]).toBe('@r0');
    expect(p.more).toBe(true);
  });

  it('shows a whole VCF header and then the first records', () => {
    const header = Array.from({ length: 80 }, (_, i) => `##contig=<ID=chr${i}>`).join('\n');
    const records = Array.from({ length: 100 }, (_, i) => `chr1\t${i + 1}\t.\tA\tG\t50\tPASS\t.`).join('\n');
    const p = textPreview('vcf', bytes(`${header}\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n${records}\n`), true);
    expect(p.lines.slice(0, 81).every((l) => l.startsWith('#'))).toBe(true);
    expect(p.lines[81]).toBe('chr1\t1\t.\tA\tG\t50\tPASS\t.');
    expect(p.lines).toHaveLength(81 + 30);
    expect(p.more).toBe(true);
  });

  it('shows a small whole file whole', () => {
    expect(textPreview('bed', bytes('chr1\t1\t2\nchr1\t5\t9'), true)).toEqual({ kind: 'bed', lines: ['chr1\t1\t2', 'chr1\t5\t9'], more: false });
  });

  it('makes a table of CSV (quotes read) and TSV', () => {
    expect(textPreview('csv', bytes('sample,note\nS1,"a, b"\n'), true).table).toEqual([['sample', 'note'], ['S1', 'a, b']]);
    expect(textPreview('tsv', bytes('a\tb\n1\t2\n'), true).table).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('refuses binary content', () => {
    expect(() => textPreview('text', new Uint8Array([65, 0, 66]), true)).toThrow(NotText);
  });
});

describe('bamHeader', () => {
  it('reads the SAM header text after the BAM magic', () => {
    const headerText = '@HD\tVN:1.6\n@SQ\tSN:chr1\tLN:1000\n';
    const body = new Uint8Array(8 + headerText.length);
    body.set([66, 65, 77, 1]);
    new DataView(body.buffer).setInt32(4, headerText.length, true);
    body.set(bytes(headerText), 8);
    expect(bamHeader(body).lines).toEqual(['@HD\tVN:1.6', '@SQ\tSN:chr1\tLN:1000']);
    expect(() => bamHeader(bytes('not a bam'))).toThrow(NotText);
  });
});

describe('kindOf and totalOf', () => {
  it('names formats by the name, gz or not', () => {
    expect(['r.fastq.gz', 'x.FQ', 'v.vcf.bgz', 'a.sam', 't.bed', 'm.csv', 'm.tsv', 'x.bam', 'x.bam.bai', 'x.cram'].map(kindOf))
      .toEqual(['fastq', 'fastq', 'vcf', 'sam', 'bed', 'csv', 'tsv', 'bam', null, null]);
  });

  it('reads the total size from Content-Range', () => {
    expect(totalOf('bytes 0-65535/123456')).toBe(123456);
    expect(totalOf('bytes 0-9/*')).toBeNull();
    expect(totalOf(null)).toBeNull();
  });
});
