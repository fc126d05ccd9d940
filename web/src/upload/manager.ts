// The browser's upload manager: a queue of files with bounded concurrency (a few files at once,
// at most `maxParts` part PUTs in flight in all), retry of failed parts with backoff, pause and
// resume, resume after a reload (resume.ts), folder structure kept. Listeners hear of changes at
// most once per `notifyEveryMs`, however many files move, so thousands of files do not make
// thousands of renders.
import type { SbFile } from '../api/client';
import { partsStillToSend, planParts, requestedPartSize, type PartPlan } from './plan';
import { type Fingerprint, ResumeBook } from './resume';
import { Aborted, type RetryPolicy, type Sleep, withRetry } from './retry';
import type { UploadTransport } from './transport';

export type UploadState = 'queued' | 'running' | 'paused' | 'done' | 'failed' | 'cancelled';

/** One file of a pick or a drop: `path` is where it goes below the target folder ("a/b/x.bam"). */
export interface UploadItem {
  file: File;
  path: string;
}

export interface FileUpload {
  readonly key: number;
  readonly name: string;
  readonly path: string;
  readonly size: number;
  state: UploadState;
  /** Bytes the server holds. */
  sent: number;
  /** Bytes per second over this run, and seconds left at that pace (null until known). */
  speed: number | null;
  secondsLeft: number | null;
  /** Parts tried again after a failure, in all. */
  retries: number;
  /** True when parts the server already had were skipped (a resumed upload). */
  resumed: boolean;
  error: string | null;
  result: SbFile | null;
}

export interface Summary {
  files: number;
  done: number;
  failed: number;
  active: number;
  bytes: number;
  sent: number;
}

interface Job {
  view: FileUpload;
  item: UploadItem;
  folder: string;
  control: AbortController | null;
  uploadId: string | null;
  /** Called once, when the file is first done, failed or cancelled. */
  onSettled: (() => void) | null;
}

export interface ManagerOptions {
  transport: UploadTransport;
  book: ResumeBook;
  maxFiles?: number;
  maxParts?: number;
  retry?: RetryPolicy;
  sleep?: Sleep;
  now?: () => number;
  notifyEveryMs?: number;
  /** How a batched notification is put off (setTimeout; tests pass their own). */
  defer?: (run: () => void, ms: number) => void;
}

/** A counting semaphore: the part PUTs in flight across every file. */
class Slots {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}

  async take(): Promise<void> {
    if (this.free > 0) { this.free--; return; }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next(); else this.free++;
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class UploadManager {
  private readonly jobs: Job[] = [];
  private readonly queue: Job[] = [];
  private readonly folders = new Map<string, Promise<string>>();
  private readonly partSlots: Slots;
  private readonly listeners = new Set<() => void>();
  private running = 0;
  private nextKey = 1;
  private notifyPending = false;
  private readonly settledWaiters: (() => void)[] = [];

  constructor(private readonly options: ManagerOptions) {
    this.partSlots = new Slots(options.maxParts ?? 4);
  }

  /**
   * Queues the files for `folder` and returns at once; the promise tells when each of them is
   * first done, failed or cancelled (progress comes through subscribe).
   */
  add(folder: string, items: UploadItem[]): Promise<FileUpload[]> {
    const settled: Promise<FileUpload>[] = [];
    for (const item of items) {
      const view: FileUpload = {
        key: this.nextKey++, name: item.file.name, path: item.path, size: item.file.size, state: 'queued', sent: 0,
        speed: null, secondsLeft: null, retries: 0, resumed: false, error: null, result: null,
      };
      const job: Job = { view, item, folder, control: null, uploadId: null, onSettled: null };
      settled.push(new Promise((resolve) => { job.onSettled = () => resolve(view); }));
      this.jobs.push(job);
      this.queue.push(job);
    }
    this.changed();
    this.pump();
    return Promise.all(settled);
  }

  uploads(): readonly FileUpload[] {
    return this.jobs.map((j) => j.view);
  }

  summary(): Summary {
    const s: Summary = { files: this.jobs.length, done: 0, failed: 0, active: 0, bytes: 0, sent: 0 };
    for (const { view } of this.jobs) {
      if (view.state === 'cancelled') continue;
      s.bytes += view.size;
      s.sent += view.sent;
      if (view.state === 'done') s.done++;
      else if (view.state === 'failed') s.failed++;
      else if (view.state === 'queued' || view.state === 'running') s.active++;
    }
    return s;
  }

  /** True while a file is queued or sending: the page warns before it is left. */
  busy(): boolean {
    return this.jobs.some((j) => j.view.state === 'queued' || j.view.state === 'running');
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  pause(key: number): void {
    const job = this.find(key);
    if (!job || (job.view.state !== 'queued' && job.view.state !== 'running')) return;
    this.dequeue(job);
    job.control?.abort();
    this.settle(job, 'paused');
  }

  /** Goes on with a paused or failed file: only the parts the server lacks are sent. */
  resume(key: number): void {
    const job = this.find(key);
    if (!job || (job.view.state !== 'paused' && job.view.state !== 'failed')) return;
    job.view.state = 'queued';
    job.view.error = null;
    this.queue.push(job);
    this.changed();
    this.pump();
  }

  async cancel(key: number): Promise<void> {
    const job = this.find(key);
    if (!job || job.view.state === 'done' || job.view.state === 'cancelled') return;
    this.dequeue(job);
    job.control?.abort();
    this.settle(job, 'cancelled');
    this.options.book.forget(this.fingerprint(job));
    if (job.uploadId) await this.options.transport.abort(job.uploadId).catch(() => {});
  }

  pauseAll(): void { for (const j of [...this.jobs]) this.pause(j.view.key); }
  resumeAll(): void { for (const j of [...this.jobs]) if (j.view.state === 'paused') this.resume(j.view.key); }

  /** Resolves when nothing is queued or running (for callers that want to wait, and tests). */
  idle(): Promise<void> {
    if (!this.busy()) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  private find(key: number): Job | undefined {
    return this.jobs.find((j) => j.view.key === key);
  }

  private dequeue(job: Job): void {
    const at = this.queue.indexOf(job);
    if (at >= 0) this.queue.splice(at, 1);
  }

  private fingerprint(job: Job): Fingerprint {
    return { folder: job.folder, path: job.item.path, size: job.item.file.size, lastModified: job.item.file.lastModified };
  }

  private pump(): void {
    const maxFiles = this.options.maxFiles ?? 4;
    while (this.running < maxFiles && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.running++;
      void this.run(job).finally(() => {
        this.running--;
        this.pump();
        if (!this.busy()) this.settledWaiters.splice(0).forEach((w) => w());
      });
    }
  }

  private async run(job: Job): Promise<void> {
    const control = new AbortController();
    job.control = control;
    job.view.state = 'running';
    job.view.error = null;
    this.changed();
    try {
      const file = await this.upload(job, control.signal);
      if (control.signal.aborted) return;
      job.view.result = file;
      job.view.sent = job.view.size;
      job.view.secondsLeft = 0;
      this.options.book.forget(this.fingerprint(job));
      this.settle(job, 'done');
    } catch (error) {
      if (control.signal.aborted || error instanceof Aborted) return; // paused or cancelled: already settled
      job.view.error = messageOf(error);
      this.settle(job, 'failed');
    } finally {
      if (job.control === control) job.control = null;
    }
  }

  private settle(job: Job, state: UploadState): void {
    job.view.state = state;
    if (state !== 'running') job.view.speed = null;
    if (state === 'done' || state === 'failed' || state === 'cancelled') {
      job.onSettled?.();
      job.onSettled = null;
    }
    this.changed();
  }

  private retrying<T>(job: Job, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    return withRetry(work, {
      policy: this.options.retry, sleep: this.options.sleep, signal,
      onRetry: () => { job.view.retries++; this.changed(); },
    });
  }

  /** The folder at `dir` below `top`, each level made once even when many files share it. */
  private folderAt(top: string, dir: string[]): Promise<string> {
    let parent: Promise<string> = Promise.resolve(top);
    let key = top;
    for (const name of dir) {
      key += '/' + name;
      let made = this.folders.get(key);
      if (!made) {
        made = parent.then((id) => this.options.transport.folder(id, name));
        made.catch(() => this.folders.delete(key)); // a failure is tried again by the next file
        this.folders.set(key, made);
      }
      parent = made;
    }
    return parent;
  }

  private async upload(job: Job, signal: AbortSignal): Promise<SbFile> {
    const { transport, book } = this.options;
    const file = job.item.file;
    const dir = job.item.path.split('/').filter((p) => p.length > 0).slice(0, -1);
    const folder = await this.retrying(job, signal, () => this.folderAt(job.folder, dir));
    const fingerprint = this.fingerprint(job);

    let plan: PartPlan[] | null = null;
    let todo: PartPlan[] = [];
    const known = book.find(fingerprint);
    if (known) {
      const status = await this.retrying(job, signal, () => transport.status(known.uploadId)).catch(() => null);
      if (status && status.status !== 'ABORTED' && status.status !== 'EXPIRED') {
        job.uploadId = known.uploadId;
        plan = planParts(file.size, status.part_size);
        // DONE or COMPLETING: every part is there; completing again returns the same file.
        todo = status.status === 'OPEN' ? partsStillToSend(plan, status.parts) : [];
        job.view.resumed = todo.length < plan.length;
      } else {
        book.forget(fingerprint);
      }
    }
    if (!plan) {
      const answer = await this.retrying(job, signal,
        () => transport.init(folder, file.name, file.size, requestedPartSize(file.size)));
      job.uploadId = answer.upload_id;
      plan = planParts(file.size, answer.part_size);
      todo = plan;
      book.started(fingerprint, answer.upload_id, answer.part_size);
    }
    const record = book.find(fingerprint);
    const uploadId = job.uploadId!;

    const pending = new Set(todo.map((p) => p.number));
    job.view.sent = plan.filter((p) => !pending.has(p.number)).reduce((sum, p) => sum + p.end - p.start, 0);
    const now = this.options.now ?? Date.now;
    const startedAt = now();
    const startedWith = job.view.sent;
    this.changed();

    let failure: unknown = null;
    const sendOne = async (part: PartPlan) => {
      await this.partSlots.take();
      try {
        if (failure !== null || signal.aborted) return;
        await this.retrying(job, signal, () => transport.sendPart(uploadId, part.number, file.slice(part.start, part.end), signal));
        job.view.sent += part.end - part.start;
        const seconds = (now() - startedAt) / 1000;
        if (seconds > 0) {
          job.view.speed = (job.view.sent - startedWith) / seconds;
          job.view.secondsLeft = job.view.speed > 0 ? (job.view.size - job.view.sent) / job.view.speed : null;
        }
        if (record) book.partDone(record, part.number);
        this.changed();
      } catch (error) {
        if (failure === null) failure = error;
      } finally {
        this.partSlots.give();
      }
    };
    await Promise.all(todo.map(sendOne));
    if (signal.aborted) throw new Aborted();
    if (failure !== null) throw failure;
    return this.retrying(job, signal, () => transport.complete(uploadId));
  }

  private changed(): void {
    if (this.notifyPending) return;
    this.notifyPending = true;
    const defer = this.options.defer ?? ((run, ms) => { setTimeout(run, ms); });
    defer(() => {
      this.notifyPending = false;
      for (const listener of this.listeners) listener();
    }, this.options.notifyEveryMs ?? 150);
  }
}
