// What a preview shows of the first bytes of a file: the first lines of a text format (FASTQ,
// SAM, VCF with its whole header when it fits, BED, CSV/TSV as a table), or a BAM's header text.
import { parseCsv } from '../manifest/csv';

export type Kind = 'fastq' | 'fasta' | 'sam' | 'vcf' | 'bed' | 'gff' | 'csv' | 'tsv' | 'text' | 'bam';

const KINDS: [RegExp, Kind][] = [
  [/\.(fastq|fq)$/, 'fastq'], [/\.(fasta|fa|fna|faa)$/, 'fasta'], [/\.sam$/, 'sam'], [/\.vcf$/, 'vcf'],
  [/\.(bed|bedgraph)$/, 'bed'], [/\.(gff|gff3|gtf)$/, 'gff'], [/\.csv$/, 'csv'], [/\.(tsv|tab)$/, 'tsv'],
  [/\.(txt|log|md|json|yaml|yml)$/, 'text'], [/\.bam$/, 'bam'],
];

/** The format named by the file's name, a .gz/.bgz ending aside; null when nothing is shown. */
export function kindOf(name: string): Kind | null {
  const bare = name.toLowerCase().replace(/\.(gz|bgz)$/, '');
  return KINDS.find(([pattern]) => pattern.test(bare))?.[1] ?? null;
}

export interface TextPreview {
  kind: Kind;
  lines: string[];
  /** For CSV/TSV: the rows, header first. */
  table?: string[][];
  /** True when there is more to the file than is shown. */
  more: boolean;
}

export class NotText extends Error {}

const LIMITS: Record<Kind, number> = {
  fastq: 40, fasta: 60, sam: 30, vcf: 30, bed: 50, gff: 50, csv: 50, tsv: 50, text: 100, bam: 0,
};
/** A VCF or SAM header is shown whole up to this many lines, then the first records. */
const HEADER_LINES = 500;

/**
 * The lines to show. `bytes` is the start of the (decompressed) file; `whole` says it is all of
 * it, else its last line may be cut and is dropped.
 */
export function textPreview(kind: Kind, bytes: Uint8Array, whole: boolean): TextPreview {
  if (bytes.subarray(0, 8192).includes(0)) throw new NotText('this file is not text');
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (!whole) {
    const lastBreak = text.lastIndexOf('\n');
    text = lastBreak < 0 ? text : text.slice(0, lastBreak + 1);
  }
  const all = text.split(/\r?\n/);
  if (all.length > 0 && all[all.length - 1] === '') all.pop();
  const limit = LIMITS[kind];
  let lines: string[];
  if (kind === 'vcf' || kind === 'sam') {
    const headerMark = kind === 'vcf' ? '#' : '@';
    let header = 0;
    while (header < all.length && all[header].startsWith(headerMark)) header++;
    lines = [...all.slice(0, Math.min(header, HEADER_LINES)), ...all.slice(header, header + limit)];
  } else {
    lines = all.slice(0, limit);
  }
  const preview: TextPreview = { kind, lines, more: !whole || lines.length < all.length };
  if (kind === 'csv') {
    try {
      preview.table = parseCsv(lines.join('\n') + '\n');
    } catch {
      // A quoted field cut by the preview's end: the plain lines are shown instead.
    }
  }
  if (kind === 'tsv') preview.table = lines.map((l) => l.split('\t'));
  return preview;
}

/** A BAM's SAM header text (after the "BAM\1" magic and its length), as lines. */
export function bamHeader(bytes: Uint8Array): TextPreview {
  if (bytes.length < 8 || bytes[0] !== 66 || bytes[1] !== 65 || bytes[2] !== 77 || bytes[3] !== 1) {
    throw new NotText('this is not a BAM file');
  }
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(4, true);
  const shown = bytes.subarray(8, 8 + Math.min(length, bytes.length - 8));
  const lines = new TextDecoder().decode(shown).split('\n').filter((l) => l.length > 0).slice(0, HEADER_LINES);
  return { kind: 'bam', lines, more: true };
}
