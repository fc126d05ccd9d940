// What a page reload must not lose: for each unfinished upload, the upload id and part size the
// server gave, keyed by the file's fingerprint and where it goes. Never the token, never the bytes.
// When the same file is chosen again for the same place, the upload goes on from where it was.

export interface Fingerprint {
  /** Where it goes: the target folder's id and the path below it (folder structure kept). */
  folder: string;
  path: string;
  size: number;
  lastModified: number;
}

export interface ResumeRecord {
  fingerprint: Fingerprint;
  uploadId: string;
  partSize: number;
  /** Part numbers the page saw reported; the server's own list is what decides on resume. */
  partsDone: number[];
  savedAt: number;
}

/** The slice of the Web Storage API used, so tests can hand in their own. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

const PREFIX = 'seqvault.upload.';

export function fingerprintKey(f: Fingerprint): string {
  return PREFIX + JSON.stringify([f.folder, f.path, f.size, f.lastModified]);
}

function isRecord(value: unknown): value is ResumeRecord {
  const r = value as ResumeRecord;
  return typeof r === 'object' && r !== null && typeof r.uploadId === 'string' && Number.isSafeInteger(r.partSize)
    && Array.isArray(r.partsDone) && typeof r.fingerprint === 'object' && r.fingerprint !== null;
}

export class ResumeBook {
  constructor(private readonly storage: KeyValueStorage) {}

  find(f: Fingerprint): ResumeRecord | null {
    const text = this.storage.getItem(fingerprintKey(f));
    if (text === null) return null;
    try {
      const record = JSON.parse(text);
      if (isRecord(record)) return record;
    } catch {
      // A damaged entry is dropped below: the upload then starts afresh.
    }
    this.storage.removeItem(fingerprintKey(f));
    return null;
  }

  started(f: Fingerprint, uploadId: string, partSize: number, now = Date.now()): ResumeRecord {
    const record: ResumeRecord = { fingerprint: f, uploadId, partSize, partsDone: [], savedAt: now };
    this.save(record);
    return record;
  }

  partDone(record: ResumeRecord, part: number, now = Date.now()): void {
    if (!record.partsDone.includes(part)) record.partsDone.push(part);
    record.savedAt = now;
    this.save(record);
  }

  /** The upload completed, was cancelled, or the server no longer knows it. */
  forget(f: Fingerprint): void {
    this.storage.removeItem(fingerprintKey(f));
  }

  /** Every unfinished upload, oldest first: what the page offers to resume after a reload. */
  all(): ResumeRecord[] {
    const records: ResumeRecord[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      try {
        const record = JSON.parse(this.storage.getItem(key) ?? '');
        if (isRecord(record)) records.push(record);
      } catch {
        // skipped; find() removes it when that file comes again
      }
    }
    return records.sort((a, b) => a.savedAt - b.savedAt);
  }

  private save(record: ResumeRecord): void {
    try {
      this.storage.setItem(fingerprintKey(record.fingerprint), JSON.stringify(record));
    } catch {
      // Storage full or refused: the upload goes on, it just cannot be resumed after a reload.
    }
  }
}
