import { describe, expect, it } from 'vitest';
import type { SbFile } from '../api/client';
import { UploadManager } from './manager';
import { MemoryStorage } from './memory-storage.test-helper';
import { ResumeBook } from './resume';
import { HttpFailure } from './retry';
import type { UploadAnswer, UploadStatus, UploadTransport } from './transport';

/** The server's side of the protocol, kept in memory: which parts each upload holds. */
class ServerSide implements UploadTransport {
  uploads = new Map<string, { folder: string; name: string; size: number; partSize: number; parts: Map<number, number>; status: string }>();
  folders = new Map<string, string>();
  sentParts: number[] = [];
  inFlight = 0;
  mostInFlight = 0;
  failNext: { part: number; error: Error }[] = [];
  /** Parts that never answer until released: a part PUT cut off by a pause or reload. */
  hold: ((go: () => void) => void) | null = null;
  private ids = 0;

  async init(folder: string, name: string, size: number, _partSize: number): Promise<UploadAnswer> {
    const id = `u-${++this.ids}`;
    const granted = 3; // the server chooses another size than asked for (as ours may): the client adopts it
    this.uploads.set(id, { folder, name, size, partSize: granted, parts: new Map(), status: 'OPEN' });
    return { upload_id: id, part_size: granted };
  }

  async status(id: string): Promise<UploadStatus> {
    const u = this.uploads.get(id);
    if (!u) throw new HttpFailure(404, 'no such upload');
    return { status: u.status, part_size: u.partSize, parts: [...u.parts].map(([n, size]) => ({ part_number: n, size })) };
  }

  async sendPart(id: string, part: number, body: Blob, signal: AbortSignal): Promise<void> {
    this.inFlight++;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    try {
      await new Promise((r) => setTimeout(r, 1));
      if (this.hold) await new Promise<void>((go) => this.hold!(go));
      if (signal.aborted) throw new Error('aborted');
      const failure = this.failNext.findIndex((f) => f.part === part);
      if (failure >= 0) throw this.failNext.splice(failure, 1)[0].error;
      this.uploads.get(id)!.parts.set(part, body.size);
      this.sentParts.push(part);
    } finally {
      this.inFlight--;
    }
  }

  async complete(id: string): Promise<SbFile> {
    const u = this.uploads.get(id)!;
    const total = [...u.parts.values()].reduce((a, b) => a + b, 0);
    if (total !== u.size) throw new HttpFailure(409, 'parts missing');
    u.status = 'DONE';
    return { id: `file-${id}`, name: u.name, parent: u.folder } as SbFile;
  }

  async abort(id: string): Promise<void> {
    this.uploads.get(id)!.status = 'ABORTED';
  }

  async folder(parent: string, name: string): Promise<string> {
    const key = `${parent}/${name}`;
    if (!this.folders.has(key)) this.folders.set(key, `d${this.folders.size + 1}`);
    return this.folders.get(key)!;
  }
}

const noPause = async () => {};
const fileOf = (name: string, size: number, lastModified = 1) => new File([new Uint8Array(size).fill(7)], name, { lastModified });

function managerFor(server: ServerSide, storage = new MemoryStorage(), extra = {}) {
  return new UploadManager({ transport: server, book: new ResumeBook(storage), sleep: noPause, notifyEveryMs: 0,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 }, ...extra });
}

describe('UploadManager', () => {
  it('uploads a file in parts, never more than maxParts in flight, into the folders of its path', async () => {
    const server = new ServerSide();
    const manager = managerFor(server, new MemoryStorage(), { maxParts: 2 });
    manager.add('root', [{ file: fileOf('x.bam', 20), path: 'run/lane1/x.bam' }]);
    await manager.idle();

    const [upload] = manager.uploads();
    expect(upload.state).toBe('done');
    expect(upload.sent).toBe(20);
    expect(upload.result?.parent).toBe('d2');
    expect([...server.folders.keys()]).toEqual(['root/run', 'd1/lane1']);
    expect(server.sentParts.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]); // 20 bytes in parts of 3
    expect(server.mostInFlight).toBe(2);
  });

  it('makes a shared folder once for many files', async () => {
    const server = new ServerSide();
    let calls = 0;
    const counting = Object.assign(server, { folder: async (p: string, n: string) => { calls++; return ServerSide.prototype.folder.call(server, p, n); } });
    const manager = managerFor(counting);
    manager.add('root', Array.from({ length: 20 }, (_, i) => ({ file: fileOf(`f${i}`, 1), path: `many/f${i}` })));
    await manager.idle();
    expect(manager.summary()).toMatchObject({ files: 20, done: 20, failed: 0 });
    expect(calls).toBe(1);
  });

  it('sends a failed part again and counts the retry', async () => {
    const server = new ServerSide();
    server.failNext.push({ part: 2, error: new HttpFailure(503, 'busy') }, { part: 2, error: new TypeError('Failed to fetch') });
    const manager = managerFor(server);
    manager.add('root', [{ file: fileOf('x', 9), path: 'x' }]);
    await manager.idle();
    expect(manager.uploads()[0]).toMatchObject({ state: 'done', retries: 2 });
  });

  it('reports a file as failed when a part keeps failing, and goes on with the others', async () => {
    const server = new ServerSide();
    for (let i = 0; i < 3; i++) server.failNext.push({ part: 1, error: new HttpFailure(500, 'the disk is full') });
    const manager = managerFor(server, new MemoryStorage(), { maxFiles: 1 });
    manager.add('root', [{ file: fileOf('bad', 2), path: 'bad' }, { file: fileOf('good', 2), path: 'good' }]);
    await manager.idle();
    expect(manager.uploads().map((u) => [u.name, u.state, u.error])).toEqual([
      ['bad', 'failed', 'the disk is full'], ['good', 'done', null]]);

    manager.resume(manager.uploads()[0].key); // "Retry": the same upload goes on
    await manager.idle();
    expect(manager.uploads()[0].state).toBe('done');
    expect(server.uploads.size).toBe(2);
  });

  it('resumes after a reload: the same file chosen again sends only the parts the server lacks', async () => {
    const server = new ServerSide();
    const storage = new MemoryStorage();
    const before = managerFor(server, storage);
    let released = 0;
    server.hold = (go) => { if (released++ < 2) go(); }; // two parts arrive, then the page is gone
    before.add('root', [{ file: fileOf('big', 30, 42), path: 'big' }]);
    await until(() => server.sentParts.length === 2);
    before.pauseAll(); // the page goes away: its requests end with it
    const held = [...server.sentParts];

    server.hold = null;
    server.sentParts = [];
    const after = managerFor(server, storage); // the reloaded page: a new manager, the same sessionStorage
    after.add('root', [{ file: fileOf('big', 30, 42), path: 'big' }]);
    await after.idle();

    expect(after.uploads()[0]).toMatchObject({ state: 'done', resumed: true, sent: 30 });
    expect(server.uploads.size).toBe(1); // no new upload was started
    expect(server.sentParts.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((n) => !held.includes(n)));
    expect(storage.length).toBe(0); // a finished upload leaves nothing behind
  });

  it('starts afresh when the file changed since (another lastModified)', async () => {
    const server = new ServerSide();
    const storage = new MemoryStorage();
    new ResumeBook(storage).started({ folder: 'root', path: 'f', size: 4, lastModified: 1 }, 'u-gone', 3);
    const manager = managerFor(server, storage);
    manager.add('root', [{ file: fileOf('f', 4, 2), path: 'f' }]);
    await manager.idle();
    expect(manager.uploads()[0]).toMatchObject({ state: 'done', resumed: false });
  });

  it('starts afresh when the server no longer knows the upload it had', async () => {
    const server = new ServerSide();
    const storage = new MemoryStorage();
    new ResumeBook(storage).started({ folder: 'root', path: 'f', size: 4, lastModified: 1 }, 'u-unknown', 3);
    const manager = managerFor(server, storage);
    manager.add('root', [{ file: fileOf('f', 4, 1), path: 'f' }]);
    await manager.idle();
    expect(manager.uploads()[0].state).toBe('done');
    expect([...server.uploads.keys()]).toEqual(['u-1']);
  });

  it('pauses and goes on from the parts the server holds', async () => {
    const server = new ServerSide();
    const waiting: (() => void)[] = [];
    server.hold = (go) => waiting.push(go);
    const manager = managerFor(server, new MemoryStorage(), { maxParts: 1 });
    manager.add('root', [{ file: fileOf('p', 9), path: 'p' }]);
    await until(() => waiting.length === 1);
    waiting.shift()!(); // part 1 arrives
    await until(() => waiting.length === 1);
    const key = manager.uploads()[0].key;
    manager.pause(key);
    waiting.shift()!(); // part 2 was in flight when paused: its answer is dropped
    expect(manager.uploads()[0].state).toBe('paused');
    expect(manager.busy()).toBe(false);

    server.hold = null;
    server.sentParts = [];
    manager.resume(key);
    await manager.idle();
    expect(manager.uploads()[0].state).toBe('done');
    expect(server.sentParts).not.toContain(1);
  });

  it('cancels: the upload is aborted on the server and forgotten', async () => {
    const server = new ServerSide();
    const storage = new MemoryStorage();
    const waiting: (() => void)[] = [];
    server.hold = (go) => waiting.push(go);
    const manager = managerFor(server, storage);
    manager.add('root', [{ file: fileOf('c', 9), path: 'c' }]);
    await until(() => waiting.length > 0);
    await manager.cancel(manager.uploads()[0].key);
    waiting.forEach((go) => go());
    expect(manager.uploads()[0].state).toBe('cancelled');
    expect(server.uploads.get('u-1')!.status).toBe('ABORTED');
    expect(storage.length).toBe(0);
  });

  it('tells its listeners in batches, not once per change', async () => {
    const server = new ServerSide();
    const deferred: (() => void)[] = [];
    const manager = new UploadManager({ transport: server, book: new ResumeBook(new MemoryStorage()), sleep: noPause,
      defer: (run) => deferred.push(run) });
    let heard = 0;
    manager.subscribe(() => heard++);
    manager.add('root', Array.from({ length: 500 }, (_, i) => ({ file: fileOf(`s${i}`, 1), path: `s${i}` })));
    await manager.idle();
    expect(manager.summary().done).toBe(500);
    expect(deferred).toHaveLength(1); // thousands of changes, one notification waiting
    deferred.shift()!();
    expect(heard).toBe(1);
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((r) => setTimeout(r, 1));
  if (!condition()) throw new Error('the condition never came true');
}

describe('UploadManager.add', () => {
  it('resolves when every file it added is done or failed', async () => {
    const server = new ServerSide();
    server.failNext.push(...Array.from({ length: 3 }, () => ({ part: 1, error: new HttpFailure(500, 'no room') })));
    const manager = managerFor(server, new MemoryStorage(), { maxFiles: 1 });
    const settled = await manager.add('root', [{ file: fileOf('a', 2), path: 'a' }, { file: fileOf('b', 2), path: 'b' }]);
    expect(settled.map((u) => [u.name, u.state])).toEqual([['a', 'failed'], ['b', 'done']]);
  });
});
