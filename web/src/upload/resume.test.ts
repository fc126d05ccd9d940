import { describe, expect, it } from 'vitest';
import { MemoryStorage } from './memory-storage.test-helper';
import { type Fingerprint, ResumeBook } from './resume';

const reads: Fingerprint = { folder: 'f1', path: 'run1/reads.fastq.gz', size: 1234, lastModified: 1700000000000 };

describe('ResumeBook', () => {
  it('finds an upload again after a reload, with the parts done', () => {
    const storage = new MemoryStorage();
    const before = new ResumeBook(storage);
    const record = before.started(reads, 'u-1', 512, 1);
    before.partDone(record, 2, 2);
    before.partDone(record, 1, 3);
    before.partDone(record, 2, 4); // reported twice: kept once

    const after = new ResumeBook(storage); // a new page on the same sessionStorage
    expect(after.find(reads)).toEqual({ fingerprint: reads, uploadId: 'u-1', partSize: 512, partsDone: [2, 1], savedAt: 4 });
  });

  it('does not take a changed file, or the same file for another place, for the one it knows', () => {
    const book = new ResumeBook(new MemoryStorage());
    book.started(reads, 'u-1', 512);
    expect(book.find({ ...reads, lastModified: reads.lastModified + 1 })).toBeNull();
    expect(book.find({ ...reads, size: reads.size + 1 })).toBeNull();
    expect(book.find({ ...reads, folder: 'f2' })).toBeNull();
    expect(book.find({ ...reads, path: 'run2/reads.fastq.gz' })).toBeNull();
  });

  it('forgets a finished upload', () => {
    const storage = new MemoryStorage();
    const book = new ResumeBook(storage);
    book.started(reads, 'u-1', 512);
    book.forget(reads);
    expect(book.find(reads)).toBeNull();
    expect(storage.length).toBe(0);
  });

  it('drops a damaged entry instead of failing', () => {
    const storage = new MemoryStorage();
    const book = new ResumeBook(storage);
    book.started(reads, 'u-1', 512);
    const key = storage.key(0)!;
    storage.setItem(key, '{"uploadId": 3');
    expect(book.find(reads)).toBeNull();
    expect(storage.length).toBe(0);
  });

  it('lists unfinished uploads oldest first and ignores other keys', () => {
    const storage = new MemoryStorage();
    storage.setItem('seqvault.token', 'secret');
    const book = new ResumeBook(storage);
    book.started({ ...reads, path: 'b' }, 'u-2', 1, 20);
    book.started({ ...reads, path: 'a' }, 'u-1', 1, 10);
    expect(book.all().map((r) => r.uploadId)).toEqual(['u-1', 'u-2']);
  });

  it('stores no token and no bytes: only the upload id, part size, parts and fingerprint', () => {
    const storage = new MemoryStorage();
    const book = new ResumeBook(storage);
    book.partDone(book.started(reads, 'u-1', 512, 5), 1, 6);
    const saved = JSON.parse([...storage.map.values()][0]);
    expect(Object.keys(saved).sort()).toEqual(['fingerprint', 'partSize', 'partsDone', 'savedAt', 'uploadId']);
  });
});
