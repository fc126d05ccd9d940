// What the genome view needs to know before igv.js is loaded: whether a file can be shown (its
// kind and a linked index), which region was asked for, and the contigs its header names, from
// which igv's reference is built for a BAM or VCF (the server has no reference genome, so that view
// has no sequence). A CRAM is shown with a reference FASTA the user picks (reference.ts).
import type { SbFile } from '../api/client';

/** The htsget endpoint a file is read through, and igv's track type and format for it. */
export interface GenomeKind {
  endpoint: 'reads' | 'variants';
  track: 'alignment' | 'variant';
  format: 'bam' | 'vcf' | 'cram';
}

const BAM: GenomeKind = { endpoint: 'reads', track: 'alignment', format: 'bam' };
const VCF: GenomeKind = { endpoint: 'variants', track: 'variant', format: 'vcf' };
/** A CRAM's header comes through htsget; igv reads the file itself by Range (its htsget reader takes no CRAM). */
const CRAM: GenomeKind = { endpoint: 'reads', track: 'alignment', format: 'cram' };

/** The index names htsget looks for beside each kind of file (docs/api-htsget.md). */
function indexNames(name: string): string[] {
  const lower = name.toLowerCase();
  if (lower.endsWith('.bam')) return [`${name}.bai`, `${name.slice(0, -4)}.bai`, `${name}.csi`];
  if (/\.vcf\.(gz|bgz)$/.test(lower)) return [`${name}.tbi`, `${name}.csi`];
  if (lower.endsWith('.cram')) return [`${name}.crai`, `${name.slice(0, -5)}.crai`];
  return [];
}

/**
 * The kind of view a file gets, or why it gets none. Only an indexed BAM, CRAM or bgzipped VCF: a
 * region needs the index (htsget's for a BAM or VCF, igv's own reading for a CRAM); igv.js reads no BCF.
 */
export function genomeKindOf(file: SbFile): { kind: GenomeKind } | { none: string } | null {
  const lower = file.name.toLowerCase();
  const kind = lower.endsWith('.bam') ? BAM : lower.endsWith('.cram') ? CRAM : /\.vcf\.(gz|bgz)$/.test(lower) ? VCF : null;
  if (!kind) {
    if (lower.endsWith('.bcf')) return { none: 'The genome view cannot read BCF; a bgzipped VCF can be shown.' };
    return null;
  }
  return linkedIndex(file) ? { kind } : { none: `Upload its index (${indexNames(file.name)[0]}) beside it to see a region.` };
}

/** The file's index among its linked files (`_secondary_files`), by the names htsget looks for. */
export function linkedIndex(file: SbFile): SbFile | undefined {
  const wanted = new Set(indexNames(file.name));
  return (file._secondary_files ?? []).find((s) => wanted.has(s.name));
}

export interface Region {
  contig: string;
  /** 1-based, inclusive (as samtools writes regions). */
  start: number;
  end: number;
}

export class BadRegion extends Error {}

/** `chr1:1-20000` (commas allowed in numbers); the contig alone is its first 20,000 bases. */
export function parseRegion(text: string, defaultSpan = 20000): Region {
  const trimmed = text.trim();
  const ranged = trimmed.match(/^(.+):([\d,]+)-([\d,]+)$/);
  if (ranged) {
    const start = Number(ranged[2].replaceAll(',', ''));
    const end = Number(ranged[3].replaceAll(',', ''));
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 1 || end < start) {
      throw new BadRegion(`"${trimmed}" is not a region: the start must be at least 1 and not after the end.`);
    }
    return { contig: ranged[1], start, end };
  }
  if (trimmed === '' || /\s/.test(trimmed)) {
    throw new BadRegion('Write a region as contig:start-end, for example chr1:1-20000.');
  }
  return { contig: trimmed, start: 1, end: defaultSpan };
}

export interface Contig {
  name: string;
  length: number;
}

/** The contigs of a BAM header (decompressed: "BAM\1", the text, then the binary reference list). */
export function bamContigs(bytes: Uint8Array): Contig[] {
  if (bytes.length < 12 || bytes[0] !== 66 || bytes[1] !== 65 || bytes[2] !== 77 || bytes[3] !== 1) {
    throw new Error('this is not a BAM header');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8 + view.getInt32(4, true);
  const count = view.getInt32(at, true);
  at += 4;
  const contigs: Contig[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    const nameLength = view.getInt32(at, true);
    const name = decoder.decode(bytes.subarray(at + 4, at + 4 + nameLength - 1));
    contigs.push({ name, length: view.getInt32(at + 4 + nameLength, true) });
    at += 8 + nameLength;
  }
  return contigs;
}

/** The contigs a VCF header declares (`##contig=<ID=chr1,length=248956422>`); those without a length are left out. */
export function vcfContigs(header: string): Contig[] {
  const contigs: Contig[] = [];
  for (const line of header.split('\n')) {
    if (!line.startsWith('##contig=<')) {
      if (line.startsWith('#CHROM')) break;
      continue;
    }
    const id = line.match(/[<,]ID=([^,>]+)/)?.[1];
    const length = Number(line.match(/[<,]length=(\d+)/)?.[1]);
    if (id && Number.isSafeInteger(length) && length > 0) contigs.push({ name: id, length });
  }
  return contigs;
}

/** The largest position a BAI or tabix index can address: a contig of unknown length is this long. */
export const INDEXABLE_LENGTH = 2 ** 29 - 1;

/**
 * igv's reference as a chrom.sizes text (name, tab, length per line). A region on a contig the
 * header does not give a length for (a VCF without ##contig lines) gets the indexable length.
 */
export function chromSizes(contigs: Contig[], region: Region): string {
  const all = contigs.some((c) => c.name === region.contig)
    ? contigs : [...contigs, { name: region.contig, length: INDEXABLE_LENGTH }];
  return all.map((c) => `${c.name}\t${c.length}\n`).join('');
}

/** Refuses a region outside the file's contigs before igv is asked, in words. */
export function checkRegion(region: Region, contigs: Contig[]): void {
  if (contigs.length === 0) return;
  const contig = contigs.find((c) => c.name === region.contig);
  if (!contig) {
    const some = contigs.slice(0, 5).map((c) => c.name).join(', ');
    throw new BadRegion(`The file has no contig "${region.contig}" (it has ${some}${contigs.length > 5 ? ', …' : ''}).`);
  }
  if (region.start > contig.length) {
    throw new BadRegion(`${region.contig} is ${contig.length.toLocaleString('en')} bases long; the region starts after its end.`);
  }
}

/**
 * igv sends the token (an OAuth-style `Authorization` header) to every URL whose host name is the
 * page's, whatever the port. True when a ticket's block URL is on the page's host name but another
 * origin (an object store on the same machine): the token would go there too.
 */
export function tokenWouldLeak(blockUrls: string[], page: URL): boolean {
  return blockUrls.filter((u) => !u.startsWith('data:')).some((u) => {
    const block = new URL(u, page);
    return block.hostname === page.hostname && block.origin !== page.origin;
  });
}
