// The first bytes of a file without downloading it: the file's presigned download URL (GET
// /v2/files/{id}/download_info) read with a Range request. The URL carries its own signature, so
// no token goes with it. On local disk it is this server's /_blob URL (same origin); with S3 the
// server redirects to the object store, which must allow this page's origin (CORS) for the
// browser to read the answer.
import type { Api } from '../api/client';
import { inflatePrefix, isGzip } from './gunzip';

export const HEAD_BYTES = 64 * 1024;

export interface Head {
  /** The file's first bytes, decompressed when it is gzip or BGZF. */
  bytes: Uint8Array;
  /** True when `bytes` is the whole (decompressed) file. */
  whole: boolean;
  compressed: boolean;
}

/** "bytes 0-65535/123456" → 123456; null when unknown. */
export function totalOf(contentRange: string | null): number | null {
  const match = contentRange?.match(/\/(\d+)\s*$/);
  return match ? Number(match[1]) : null;
}

async function firstBytes(response: Response, limit: number): Promise<Uint8Array> {
  // A server that ignores Range answers 200 with everything: read only what is needed, then stop.
  const reader = response.body!.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  while (length < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
  }
  await reader.cancel().catch(() => {});
  const out = new Uint8Array(Math.min(length, limit));
  let at = 0;
  for (const c of chunks) {
    const part = c.subarray(0, out.length - at);
    out.set(part, at);
    at += part.length;
    if (at >= out.length) break;
  }
  return out;
}

export async function readHead(api: Api, fileId: string, size: number, limit = HEAD_BYTES): Promise<Head> {
  const { url } = await api.get<{ url: string }>(`/v2/files/${encodeURIComponent(fileId)}/download_info`);
  let response: Response;
  try {
    response = await fetch(url, { headers: { Range: `bytes=0-${limit - 1}` }, cache: 'no-store' });
  } catch {
    throw new Error('The file could not be read from its storage (the storage may not allow this page to read it).');
  }
  if (!response.ok) throw new Error(`The file could not be read (HTTP ${response.status}).`);
  const raw = await firstBytes(response, limit);
  const total = totalOf(response.headers.get('Content-Range')) ?? size;
  const rawWhole = raw.length >= total;
  if (!isGzip(raw)) return { bytes: raw, whole: rawWhole, compressed: false };
  const inflated = await inflatePrefix(raw);
  return { bytes: inflated, whole: rawWhole && inflated.length < 1 << 20, compressed: true };
}
