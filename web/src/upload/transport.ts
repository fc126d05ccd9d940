// The calls the upload manager makes, as one interface: the real one goes through the public v2
// API (api/client.ts) and presigned part URLs; unit tests hand in their own.
import type { Api, SbFile } from '../api/client';
import { HttpFailure } from './retry';

export interface UploadAnswer {
  upload_id: string;
  part_size: number;
}

export interface UploadStatus {
  status: string;
  part_size: number;
  parts: { part_number: number; size: number }[];
}

export interface UploadTransport {
  init(folder: string, name: string, size: number, partSize: number): Promise<UploadAnswer>;
  status(uploadId: string): Promise<UploadStatus>;
  /** PUTs one part to a fresh presigned URL and reports it; resolves once the server holds it. */
  sendPart(uploadId: string, part: number, body: Blob, signal: AbortSignal): Promise<void>;
  complete(uploadId: string): Promise<SbFile>;
  abort(uploadId: string): Promise<void>;
  /** The folder called `name` directly in `parent`, made when missing. */
  folder(parent: string, name: string): Promise<string>;
}

interface PartUrl {
  method: string;
  url: string;
  headers: Record<string, string>;
}

const upload = (id: string) => `/v2/upload/multipart/${encodeURIComponent(id)}`;

export class ApiUploadTransport implements UploadTransport {
  constructor(private readonly api: Api) {}

  init(folder: string, name: string, size: number, partSize: number): Promise<UploadAnswer> {
    return this.api.send('POST', '/v2/upload/multipart', { name, size, part_size: partSize, parent: folder });
  }

  status(uploadId: string): Promise<UploadStatus> {
    return this.api.get(upload(uploadId), { list_parts: 'true' });
  }

  async sendPart(uploadId: string, part: number, body: Blob, signal: AbortSignal): Promise<void> {
    const target = await this.api.get<PartUrl>(`${upload(uploadId)}/part/${part}`);
    // The part URL carries its own signature: no token goes with the bytes.
    const answer = await fetch(target.url, { method: target.method, headers: target.headers, body, signal });
    if (!answer.ok) throw new HttpFailure(answer.status, `the storage refused a part (HTTP ${answer.status})`);
    const etag = answer.headers.get('ETag');
    if (!etag) throw new HttpFailure(0, 'the storage did not confirm a part (no ETag)');
    await this.api.send('POST', `${upload(uploadId)}/part`, { part_number: part, response: { headers: { ETag: etag } } });
  }

  complete(uploadId: string): Promise<SbFile> {
    return this.api.send('POST', `${upload(uploadId)}/complete`, null);
  }

  async abort(uploadId: string): Promise<void> {
    await this.api.send('DELETE', upload(uploadId), {});
  }

  async folder(parent: string, name: string): Promise<string> {
    const found = await this.api.list<SbFile>(`/v2/files/${encodeURIComponent(parent)}/list`, { name, limit: 1 });
    const existing = found.items.find((f) => f.name === name);
    if (existing && existing.type === 'folder') return existing.id;
    if (existing) throw new HttpFailure(409, `${name} is a file here, so it cannot be the folder it should be`);
    try {
      return (await this.api.send<SbFile>('POST', '/v2/files', { name, type: 'folder', parent })).id;
    } catch (error) {
      // Another upload of the same drop may have made it a moment ago.
      if ((error as { status?: number }).status !== 409) throw error;
      const again = await this.api.list<SbFile>(`/v2/files/${encodeURIComponent(parent)}/list`, { name, limit: 1 });
      const made = again.items.find((f) => f.name === name && f.type === 'folder');
      if (!made) throw error;
      return made.id;
    }
  }
}
