// Decompressing the first bytes of a gzip or BGZF file for a preview. BGZF (BAM, bgzipped VCF,
// tabix-indexed BED) is a series of gzip members whose header says each one's length (the BC
// extra field), so its complete blocks are inflated one by one and a block cut off by the range
// is left out. Plain gzip is inflated as a stream, keeping what came out before the cut-off end.

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The BGZF block length at `offset` (from its BC extra subfield), or null if it is not BGZF. */
export function bgzfBlockLength(bytes: Uint8Array, offset: number): number | null {
  if (offset + 18 > bytes.length || bytes[offset] !== 0x1f || bytes[offset + 1] !== 0x8b || bytes[offset + 2] !== 8) return null;
  if ((bytes[offset + 3] & 4) === 0) return null; // no FEXTRA
  const xlen = bytes[offset + 10] | (bytes[offset + 11] << 8);
  let at = offset + 12;
  const end = at + xlen;
  while (at + 4 <= end && end <= bytes.length) {
    const slen = bytes[at + 2] | (bytes[at + 3] << 8);
    if (bytes[at] === 66 && bytes[at + 1] === 67 && slen === 2) return (bytes[at + 4] | (bytes[at + 5] << 8)) + 1;
    at += 4 + slen;
  }
  return null;
}

/** The complete BGZF blocks at the start of `bytes`, as [start, end) pairs; empty if not BGZF. */
export function bgzfBlocks(bytes: Uint8Array): [number, number][] {
  const blocks: [number, number][] = [];
  let offset = 0;
  for (;;) {
    const length = bgzfBlockLength(bytes, offset);
    if (length === null || offset + length > bytes.length) return blocks;
    blocks.push([offset, offset + length]);
    offset += length;
  }
}

/** Inflates one gzip stream, returning what came out even if the input stops short. */
async function inflate(bytes: Uint8Array, limit: number): Promise<Uint8Array[]> {
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reading = (async () => {
    try {
      while (length < limit) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        length += value.length;
      }
      await reader.cancel().catch(() => {});
    } catch {
      // A cut-off or damaged end: keep what came before it.
    }
  })();
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  await reading;
  return chunks;
}

function joined(chunks: Uint8Array[], limit: number): Uint8Array {
  const total = Math.min(limit, chunks.reduce((n, c) => n + c.length, 0));
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    if (at >= total) break;
    const part = c.subarray(0, total - at);
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** At most `limit` bytes of what the compressed prefix `bytes` holds. */
export async function inflatePrefix(bytes: Uint8Array, limit = 1 << 20): Promise<Uint8Array> {
  const blocks = bgzfBlocks(bytes);
  if (blocks.length === 0) return joined(await inflate(bytes, limit), limit);
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (const [start, end] of blocks) {
    if (length >= limit) break;
    for (const c of await inflate(bytes.subarray(start, end), limit - length)) { chunks.push(c); length += c.length; }
  }
  return joined(chunks, limit);
}
