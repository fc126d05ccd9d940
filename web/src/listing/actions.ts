// What the browser does to a selection, through the public v2 calls: each item in turn, with the
// progress reported after each, and every failure named by the file it happened to.
import type { Api, SbFile } from '../api/client';

export type Progress = (done: number, total: number) => void;

export interface Outcome {
  done: number;
  failures: string[];
}

async function eachOf(items: SbFile[], progress: Progress, act: (file: SbFile) => Promise<void>): Promise<Outcome> {
  const failures: string[] = [];
  let done = 0;
  for (const file of items) {
    try {
      await act(file);
      done++;
    } catch (error) {
      failures.push(`${file.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    progress(done + failures.length, items.length);
  }
  return { done, failures };
}

type JobType = 'copy' | 'move' | 'delete';

interface Job {
  id: string;
  state: 'SUBMITTED' | 'RESOLVING' | 'RUNNING' | 'FINISHED';
  result: { resource?: SbFile; error?: { message: string } }[];
  total_files: number;
  completed_files: number;
  failed_files: number;
}

const JOB_ITEMS = 100;
const POLL_MILLIS = 400;

/**
 * Copies, moves or deletes through the server's durable jobs (/v2/async/files), 100 items a job:
 * a folder goes with everything in it, and the progress is the job's own count of files and folders.
 */
async function runJobs(api: Api, type: JobType, items: SbFile[], destination: string | null,
                       progress: Progress): Promise<Outcome> {
  const failures: string[] = [];
  let done = 0;
  for (let start = 0; start < items.length; start += JOB_ITEMS) {
    const batch = items.slice(start, start + JOB_ITEMS);
    const body = { items: batch.map((f) => (destination === null ? { file: f.id } : { file: f.id, parent: destination })) };
    let job = await api.send<Job>('POST', `/v2/async/files/${type}`, body);
    while (job.state !== 'FINISHED') {
      if (job.total_files > 0) progress(job.completed_files + job.failed_files, job.total_files);
      await new Promise((resolve) => setTimeout(resolve, POLL_MILLIS));
      job = await api.get<Job>(`/v2/async/files/${type}/${encodeURIComponent(job.id)}`);
    }
    job.result.forEach((entry, i) => {
      if (entry.error) failures.push(`${batch[i].name}: ${entry.error.message}`);
      else done++;
    });
    progress(start + batch.length, items.length);
  }
  return { done, failures };
}

/** Into the project's trash (folders with everything in them). */
export function deleteAll(api: Api, items: SbFile[], progress: Progress): Promise<Outcome> {
  return runJobs(api, 'delete', items, null, progress);
}

export function copyAll(api: Api, items: SbFile[], folder: string, progress: Progress): Promise<Outcome> {
  return runJobs(api, 'copy', items, folder, progress);
}

export function moveAll(api: Api, items: SbFile[], folder: string, progress: Progress): Promise<Outcome> {
  return runJobs(api, 'move', items, folder, progress);
}

/** Starts the browser's own download of each file from its presigned URL (no token in it). */
export function downloadAll(api: Api, items: SbFile[], progress: Progress): Promise<Outcome> {
  return eachOf(items, progress, async (file) => {
    if (file.type === 'folder') throw new Error('folders cannot be downloaded here; open the folder and select its files');
    const info = await api.get<{ url: string }>(`/v2/files/${encodeURIComponent(file.id)}/download_info`);
    const link = document.createElement('a');
    link.href = info.url;
    link.download = file.name;
    link.rel = 'noopener';
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
}

/** The child folder of that name, created when missing (a folder upload's subfolders). */
export async function ensureFolder(api: Api, parent: string, name: string): Promise<string> {
  const found = await api.list<SbFile>(`/v2/files/${encodeURIComponent(parent)}/list`, { name, limit: 1 });
  const folder = found.items.find((f) => f.type === 'folder');
  if (folder) return folder.id;
  const created = await api.send<SbFile>('POST', '/v2/files', { name, type: 'folder', parent });
  return created.id;
}

/**
 * A folder of the project named by its path from the root ("raw/2024"; "" or "/" is the root).
 * Each step must exist: a mistyped path is an error, never a new folder.
 */
export async function resolveFolderPath(api: Api, root: string, path: string): Promise<string> {
  let folder = root;
  for (const name of path.split('/').map((p) => p.trim()).filter((p) => p.length > 0)) {
    const found = await api.list<SbFile>(`/v2/files/${encodeURIComponent(folder)}/list`, { name, limit: 1 });
    const next = found.items.find((f) => f.type === 'folder');
    if (!next) throw new Error(`There is no folder "${name}" on the path ${path}.`);
    folder = next.id;
  }
  return folder;
}

/** Every item matching a listing query, page by page (a selection of "all matches"). */
export async function allMatches(api: Api, path: string, query: Record<string, string>): Promise<SbFile[]> {
  const all: SbFile[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await api.list<SbFile>(path, { ...query, offset, limit: 100 });
    all.push(...page.items);
    if (page.items.length < 100) return all;
  }
}
