// The SAM header of a CRAM file, from its first bytes (what htsget `class=header` hands out: the
// file definition, then the header container). Only what the genome view needs: the @SQ lines'
// names and lengths, to see whether a reference FASTA fits the file before igv.js is asked.
import { inflatePrefix } from '../preview/gunzip';
import type { Contig } from './genome';

/** A CRAM header this page cannot read, in words. */
export class BadCram extends Error {}

/** Reads CRAM's variable-length integers (ITF8, LTF8) and fixed ones from a byte array. */
class Cursor {
  at: number;

  constructor(private readonly bytes: Uint8Array, at = 0) {
    this.at = at;
  }

  private byte(): number {
    if (this.at >= this.bytes.length) throw new BadCram('the CRAM header is cut short');
    return this.bytes[this.at++];
  }

  /** ITF8: the count of leading 1 bits of the first byte says how many bytes follow (up to 4). */
  itf8(): number {
    const first = this.byte();
    if (first < 0x80) return first;
    if (first < 0xc0) return ((first & 0x3f) << 8) | this.byte();
    if (first < 0xe0) return ((first & 0x1f) << 16) | (this.byte() << 8) | this.byte();
    if (first < 0xf0) return ((first & 0x0f) * 2 ** 24) + ((this.byte() << 16) | (this.byte() << 8) | this.byte());
    // Five bytes: 4 bits of the first, 8 + 8 + 8 of the next three and the low 4 bits of the last.
    const value = (first & 0x0f) * 2 ** 28 + this.byte() * 2 ** 20 + this.byte() * 2 ** 12 + this.byte() * 2 ** 4
      + (this.byte() & 0x0f);
    return value | 0; // ITF8 holds a signed 32-bit integer (reference id -1, -2).
  }

  /** LTF8: as ITF8, up to 8 bytes after the first; only skipped here, so the value may be approximate past 2^53. */
  ltf8(): number {
    const first = this.byte();
    let following = 0;
    while (following < 8 && (first & (0x80 >> following)) !== 0) following++;
    let value = following === 8 ? 0 : first & (0xff >> (following + 1));
    for (let i = 0; i < following; i++) value = value * 256 + this.byte();
    return value;
  }

  int32(): number {
    if (this.at + 4 > this.bytes.length) throw new BadCram('the CRAM header is cut short');
    const value = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.at, 4).getInt32(0, true);
    this.at += 4;
    return value;
  }

  take(length: number): Uint8Array {
    if (length < 0 || this.at + length > this.bytes.length) throw new BadCram('the CRAM header is cut short');
    const out = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }
}

const FILE_DEFINITION_LENGTH = 26; // "CRAM", major, minor, a 20-byte file id
const RAW = 0;
const GZIP = 1;
const FILE_HEADER_CONTENT = 0;

/** The SAM header text of a CRAM (2.x or 3.x), from the file's first bytes. */
export async function cramHeaderText(bytes: Uint8Array): Promise<string> {
  if (bytes.length < FILE_DEFINITION_LENGTH || new TextDecoder().decode(bytes.subarray(0, 4)) !== 'CRAM') {
    throw new BadCram('this is not a CRAM file');
  }
  const major = bytes[4];
  if (major < 2 || major > 3) throw new BadCram(`CRAM ${major}.${bytes[5]} is not read here (CRAM 2.x and 3.x are)`);
  const c = new Cursor(bytes, FILE_DEFINITION_LENGTH);
  // The header container's own header: its length, reference, start, span, record count,
  // record counter, bases, block count, landmarks, and (3.x) a CRC32.
  c.int32();
  for (let i = 0; i < 4; i++) c.itf8();
  c.ltf8();
  c.ltf8();
  c.itf8();
  const landmarks = c.itf8();
  for (let i = 0; i < landmarks; i++) c.itf8();
  if (major >= 3) c.take(4);
  // Its first block holds the header: method, content type, content id, sizes, data.
  const method = c.take(1)[0];
  const contentType = c.take(1)[0];
  c.itf8();
  const compressedSize = c.itf8();
  const rawSize = c.itf8();
  if (contentType !== FILE_HEADER_CONTENT) throw new BadCram('the CRAM file does not start with its SAM header');
  const data = await decompress(method, c.take(compressedSize), rawSize);
  const text = new Cursor(data);
  const length = text.int32();
  return new TextDecoder().decode(text.take(length));
}

async function decompress(method: number, data: Uint8Array, rawSize: number): Promise<Uint8Array> {
  if (method === RAW) return data;
  if (method !== GZIP) {
    throw new BadCram(`the CRAM header is compressed with a method this page cannot read (method ${method}; raw and gzip are read)`);
  }
  const out = await inflatePrefix(data, rawSize);
  if (out.length !== rawSize) throw new BadCram('the CRAM header\'s gzip block is damaged');
  return out;
}

/** The contigs a SAM header's @SQ lines name (SN) with their lengths (LN). */
export function samContigs(header: string): Contig[] {
  const contigs: Contig[] = [];
  for (const line of header.split('\n')) {
    if (!line.startsWith('@SQ\t')) continue;
    const fields = line.replace(/\r$/, '').split('\t');
    const name = fields.find((f) => f.startsWith('SN:'))?.slice(3);
    const length = Number(fields.find((f) => f.startsWith('LN:'))?.slice(3));
    if (name && Number.isSafeInteger(length) && length > 0) contigs.push({ name, length });
  }
  return contigs;
}
