// A file's header through htsget (class=header): the ticket is asked for with the token in a
// header; its blocks are presigned URLs (fetched without the token) and inline data: blocks
// (decoded here, not fetched, so the page's connect-src needs no data:).
import type { Api } from '../api/client';
import { inflatePrefix } from '../preview/gunzip';
import type { GenomeKind } from './genome';

export interface TicketUrl {
  url: string;
  headers?: Record<string, string>;
}

export interface HeaderRead {
  /** The decompressed header (BAM: binary; VCF: text); a CRAM's as stored (its blocks decode themselves, cram.ts). */
  bytes: Uint8Array;
  /** The ticket's block URLs, to see where igv will send requests. */
  urls: string[];
}

/** htsget's path of a file (relative to this page's origin). */
export function htsgetPath(kind: GenomeKind, fileId: string): string {
  return `/ga4gh/htsget/v1/${kind.endpoint}/${encodeURIComponent(fileId)}`;
}

export function decodeDataUrl(url: string): Uint8Array {
  const comma = url.indexOf(',');
  const meta = url.slice(5, comma);
  const payload = url.slice(comma + 1);
  if (!meta.endsWith(';base64')) return new TextEncoder().encode(decodeURIComponent(payload));
  const binary = atob(payload);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

async function block(part: TicketUrl): Promise<Uint8Array> {
  if (part.url.startsWith('data:')) return decodeDataUrl(part.url);
  let response: Response;
  try {
    response = await fetch(part.url, { headers: part.headers ?? {}, cache: 'no-store' });
  } catch {
    throw new Error("The file's header could not be read from its storage (the storage may not allow this page to read it).");
  }
  if (!response.ok) throw new Error(`The file's header could not be read (HTTP ${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Headers beyond this are not read whole: a header of 64 MiB names ~ a million contigs. */
const HEADER_LIMIT = 64 << 20;

export async function readHeader(api: Api, kind: GenomeKind, fileId: string): Promise<HeaderRead> {
  const ticket = await api.get<{ htsget: { urls: TicketUrl[] } }>(htsgetPath(kind, fileId), { class: 'header' });
  const parts = await Promise.all(ticket.htsget.urls.map(block));
  const compressed = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    compressed.set(p, at);
    at += p.length;
  }
  const urls = ticket.htsget.urls.map((u) => u.url);
  if (kind.format === 'cram') {
    if (compressed.length > HEADER_LIMIT) throw new Error("The file's header is too large to be read here.");
    return { bytes: compressed, urls };
  }
  return { bytes: await inflatePrefix(compressed, HEADER_LIMIT), urls };
}
