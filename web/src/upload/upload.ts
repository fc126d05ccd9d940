// Browser uploads through the public v2 multipart API: one upload session per file, its parts
// cut from the File with slice() (never read whole), each PUT to its presigned URL and reported.
// This is the plain sequential path; the upload manager (parallel parts, retry, resume after a
// reload) plugs in behind the same function.
import type { Api, SbFile } from '../api/client';

const PART_SIZE = 64 * 1024 * 1024;

export interface UploadTarget {
  /** The folder the files go into (a project's root folder included). */
  folder: string;
}

export interface UploadProgress {
  file: string;
  fileIndex: number;
  files: number;
  bytesSent: number;
  bytesTotal: number;
}

interface UploadSession {
  upload_id: string;
  part_size: number;
}

interface PartUrl {
  method: string;
  url: string;
  headers: Record<string, string>;
}

async function putPart(part: PartUrl, body: Blob): Promise<string> {
  const response = await fetch(part.url, { method: part.method, headers: part.headers, body });
  if (!response.ok) throw new Error(`A part of the upload was refused (HTTP ${response.status}).`);
  const etag = response.headers.get('ETag');
  if (!etag) throw new Error('The storage did not confirm a part of the upload (no ETag).');
  return etag;
}

export async function uploadOne(api: Api, target: UploadTarget, file: File,
                                onBytes: (sent: number) => void): Promise<SbFile> {
  const session = await api.send<UploadSession>('POST', '/v2/upload/multipart', {
    name: file.name, size: file.size, part_size: Math.max(1, Math.min(PART_SIZE, file.size)), parent: target.folder,
  });
  const id = encodeURIComponent(session.upload_id);
  try {
    const partSize = session.part_size;
    const parts = Math.max(1, Math.ceil(file.size / partSize));
    let sent = 0;
    for (let n = 1; n <= parts; n++) {
      const slice = file.slice((n - 1) * partSize, Math.min(file.size, n * partSize));
      const url = await api.get<PartUrl>(`/v2/upload/multipart/${id}/part/${n}`);
      const etag = await putPart(url, slice);
      await api.send('POST', `/v2/upload/multipart/${id}/part`, { part_number: n, response: { headers: { ETag: etag } } });
      sent += slice.size;
      onBytes(sent);
    }
    return await api.send<SbFile>('POST', `/v2/upload/multipart/${id}/complete`, null);
  } catch (error) {
    await api.send('DELETE', `/v2/upload/multipart/${id}`, {}).catch(() => {});
    throw error;
  }
}

/** Uploads the files one after another; stops at the first failure, naming the file. */
export async function uploadFiles(api: Api, target: UploadTarget, files: File[],
                                  onProgress: (progress: UploadProgress) => void): Promise<SbFile[]> {
  const done: SbFile[] = [];
  for (const [index, file] of files.entries()) {
    const report = (bytesSent: number) =>
      onProgress({ file: file.name, fileIndex: index, files: files.length, bytesSent, bytesTotal: file.size });
    report(0);
    try {
      done.push(await uploadOne(api, target, file, report));
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(`Uploading ${file.name} failed: ${why}`);
    }
  }
  return done;
}
