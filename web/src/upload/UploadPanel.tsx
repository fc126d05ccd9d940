// The upload list: one progress bar per file (named after it) with speed and time left, pause,
// resume, retry and cancel, the totals, and the uploads a reload interrupted. Only the files that
// need a look are rendered (sending, paused, failed, the next few queued): thousands of queued
// or finished files are counted, not drawn.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Api } from '../api/client';
import { formatBytes, formatDuration } from './format';
import { type FileUpload, UploadManager } from './manager';
import { type ResumeRecord, ResumeBook } from './resume';
import { ApiUploadTransport } from './transport';
import './uploads.css';

const SHOWN = 50;
const managers = new WeakMap<Api, UploadManager>();

/** One manager per signed-in session, kept across folder changes so uploads go on while browsing. */
export function uploadManagerFor(api: Api): UploadManager {
  let manager = managers.get(api);
  if (!manager) {
    manager = new UploadManager({ transport: new ApiUploadTransport(api), book: new ResumeBook(sessionStorage) });
    managers.set(api, manager);
  }
  return manager;
}

/** Re-renders when the manager says something changed (batched by the manager). */
function useManager(manager: UploadManager): void {
  const [, setVersion] = useState(0);
  useEffect(() => manager.subscribe(() => setVersion((n) => n + 1)), [manager]);
}

/** Leaving the page with uploads running asks first (the browser shows its own words). */
function useLeaveWarning(manager: UploadManager): void {
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!manager.busy()) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [manager]);
}

/**
 * Calls `act` when `value` changes, at most once per `everyMs` (and once more after the last
 * change): thousands of files finishing reload the folder listing a few times, not thousands.
 */
function useThrottled(value: number | null, act: (() => void) | undefined, everyMs = 2000): void {
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(act);
  latest.current = act;
  useEffect(() => {
    if (value === null || timer.current !== null) return;
    const wait = Math.max(0, last.current + everyMs - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      last.current = Date.now();
      latest.current?.();
    }, wait);
  }, [value, everyMs]);
  useEffect(() => () => { if (timer.current !== null) clearTimeout(timer.current); }, []);
}

function worthShowing(uploads: readonly FileUpload[]): FileUpload[] {
  const rank: Record<string, number> = { running: 0, failed: 1, paused: 2, queued: 3 };
  return uploads.filter((u) => u.state in rank)
    .sort((a, b) => rank[a.state] - rank[b.state] || a.key - b.key)
    .slice(0, SHOWN);
}

function statusText(u: FileUpload): string {
  const amount = `${formatBytes(u.sent)} of ${formatBytes(u.size)}`;
  switch (u.state) {
    case 'running': {
      const pace = u.speed ? ` · ${formatBytes(u.speed)}/s` : '';
      const left = u.secondsLeft !== null && u.speed ? ` · ${formatDuration(u.secondsLeft)} left` : '';
      const again = u.retries > 0 ? ` · ${u.retries} part${u.retries === 1 ? '' : 's'} sent again` : '';
      return `${amount}${pace}${left}${u.resumed ? ' · resumed' : ''}${again}`;
    }
    case 'queued': return `waiting · ${formatBytes(u.size)}`;
    case 'paused': return `paused · ${amount}`;
    case 'failed': return `failed: ${u.error} · ${amount}`;
    default: return amount;
  }
}

function UploadRow({ upload, manager }: { upload: FileUpload; manager: UploadManager }) {
  const percent = upload.size === 0 ? 100 : Math.floor((upload.sent / upload.size) * 100);
  return (
    <li class={`upload upload-${upload.state}`}>
      <span class="upload-name" title={upload.path}>{upload.path}</span>
      <progress aria-label={upload.path} max={100} value={percent} aria-valuetext={`${percent}%, ${statusText(upload)}`} />
      <span class="upload-status" role={upload.state === 'failed' ? 'alert' : undefined}>{percent}% · {statusText(upload)}</span>
      <span class="upload-actions">
        {(upload.state === 'running' || upload.state === 'queued') && (
          <button type="button" aria-label={`Pause ${upload.path}`} onClick={() => manager.pause(upload.key)}>Pause</button>
        )}
        {upload.state === 'paused' && (
          <button type="button" aria-label={`Resume ${upload.path}`} onClick={() => manager.resume(upload.key)}>Resume</button>
        )}
        {upload.state === 'failed' && (
          <button type="button" aria-label={`Retry ${upload.path}`} onClick={() => manager.resume(upload.key)}>Retry</button>
        )}
        <button type="button" aria-label={`Cancel ${upload.path}`} onClick={() => void manager.cancel(upload.key)}>Cancel</button>
      </span>
    </li>
  );
}

/** Uploads a reload cut off: choosing the same file again for the same folder goes on with it. */
function Interrupted({ api, manager }: { api: Api; manager: UploadManager }) {
  const book = useMemo(() => new ResumeBook(sessionStorage), []);
  const [records, setRecords] = useState<ResumeRecord[]>(() => book.all());
  const inManager = new Set(manager.uploads().filter((u) => u.state !== 'cancelled').map((u) => u.path));
  const waiting = records.filter((r) => !inManager.has(r.fingerprint.path) && book.find(r.fingerprint));
  if (waiting.length === 0) return null;
  const discard = async (record: ResumeRecord) => {
    book.forget(record.fingerprint);
    setRecords(book.all());
    await new ApiUploadTransport(api).abort(record.uploadId).catch(() => {});
  };
  return (
    <div class="interrupted" role="status">
      <p>Uploads interrupted by a reload: choose the same file again, in the same folder, to go on where it stopped.</p>
      <ul>
        {waiting.map((r) => (
          <li key={r.uploadId}>
            <span>{r.fingerprint.path} ({formatBytes(r.fingerprint.size)})</span>{' '}
            <button type="button" aria-label={`Discard ${r.fingerprint.path}`} onClick={() => void discard(r)}>Discard</button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function UploadPanel({ api, onFilesDone }: { api: Api; onFilesDone?: () => void }) {
  const manager = uploadManagerFor(api);
  useManager(manager);
  useLeaveWarning(manager);
  const summary = manager.summary();
  useThrottled(summary.done > 0 ? summary.done : null, onFilesDone);

  const shown = worthShowing(manager.uploads());
  const hidden = summary.active + summary.failed - shown.filter((u) => u.state !== 'paused').length;
  return (
    <section class="uploads" aria-label="Uploads">
      <Interrupted api={api} manager={manager} />
      {summary.files > 0 && (
        <>
          <div class="uploads-summary">
            <span>
              {summary.done.toLocaleString()} of {summary.files.toLocaleString()} files uploaded · {formatBytes(summary.sent)} of {formatBytes(summary.bytes)}
              {summary.failed > 0 && ` · ${summary.failed.toLocaleString()} failed`}
            </span>
            <button type="button" onClick={() => manager.pauseAll()} disabled={!manager.busy()}>Pause all</button>
            <button type="button" onClick={() => manager.resumeAll()}>Resume all</button>
          </div>
          {shown.length > 0 && <ul class="upload-list">{shown.map((u) => <UploadRow key={u.key} upload={u} manager={manager} />)}</ul>}
          {hidden > 0 && <p class="uploads-more">and {hidden.toLocaleString()} more waiting</p>}
        </>
      )}
    </section>
  );
}
