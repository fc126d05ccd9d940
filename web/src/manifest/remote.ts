// Manifests against the server, through the public v2 calls only: export walks the folder's tree
// a page at a time; import finds each row's file by its folder and name (repeated `name=`
// filters, a few dozen names a request) and applies the metadata with bulk edit, 100 at a time.
import type { Api, SbFile } from '../api/client';
import { type Edit, manifestLines, normalPath, planEdits, readManifest } from './manifest';

const PAGE = 100;
/** Names per lookup request: kept well under the server's request line limit. */
const URL_BUDGET = 3000;

const listPath = (folder: string) => `/v2/files/${encodeURIComponent(folder)}/list`;

/** Every file below `folder` (depth first), with its path below it. */
export async function* filesBelow(api: Api, folder: string, prefix = ''): AsyncGenerator<{ path: string; file: SbFile }> {
  const subfolders: SbFile[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await api.list<SbFile>(listPath(folder), { offset, limit: PAGE });
    for (const item of page.items) {
      if (item.type === 'folder') subfolders.push(item);
      else yield { path: prefix + item.name, file: item };
    }
    if (page.items.length < PAGE) break;
  }
  for (const sub of subfolders) yield* filesBelow(api, sub.id, `${prefix}${sub.name}/`);
}

/** The manifest of every file below `folder`, as a CSV Blob built line by line. */
export async function exportManifest(api: Api, folder: string, onProgress: (files: number) => void): Promise<{ csv: Blob; files: number }> {
  const files = [];
  for await (const { path, file } of filesBelow(api, folder)) {
    files.push({ path, metadata: file.metadata ?? {} });
    if (files.length % PAGE === 0) onProgress(files.length);
  }
  return { csv: new Blob(manifestLines(files), { type: 'text/csv;charset=utf-8' }), files: files.length };
}

/** Names to look up, cut into requests that fit the URL budget. */
export function nameBatches(names: string[]): string[][] {
  const batches: string[][] = [];
  let batch: string[] = [];
  let length = 0;
  for (const name of names) {
    const cost = encodeURIComponent(name).length + 6; // "&name="
    if (batch.length > 0 && (length + cost > URL_BUDGET || batch.length >= PAGE)) {
      batches.push(batch);
      batch = [];
      length = 0;
    }
    batch.push(name);
    length += cost;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

async function childrenNamed(api: Api, folder: string, names: string[]): Promise<SbFile[]> {
  const found: SbFile[] = [];
  for (const batch of nameBatches(names)) {
    const query = new URLSearchParams(batch.map((n) => ['name', n]));
    query.set('limit', String(PAGE));
    found.push(...(await api.get<{ items: SbFile[] }>(`${listPath(folder)}?${query}`)).items);
  }
  return found;
}

export interface ImportOutcome {
  updated: number;
  unchanged: number;
  unknown: string[];
  problems: string[];
  failures: string[];
}

/** Applies a manifest to the files below `folder`. Only a header it cannot read throws. */
export async function importManifest(api: Api, folder: string, text: string,
                                     onProgress: (message: string) => void): Promise<ImportOutcome> {
  const { rows, problems } = readManifest(text);
  const byDir = new Map<string, string[]>();
  for (const row of rows) {
    const at = row.path.lastIndexOf('/');
    const dir = at < 0 ? '' : row.path.slice(0, at);
    byDir.set(dir, [...(byDir.get(dir) ?? []), row.path.slice(at + 1)]);
  }

  const folders = new Map<string, Promise<string | null>>([['', Promise.resolve(folder)]]);
  const folderAt = (dir: string): Promise<string | null> => {
    let known = folders.get(dir);
    if (!known) {
      const at = dir.lastIndexOf('/');
      const parentDir = at < 0 ? '' : dir.slice(0, at);
      known = folderAt(parentDir).then(async (parent) => {
        if (parent === null) return null;
        const match = (await childrenNamed(api, parent, [dir.slice(at + 1)])).find((f) => f.type === 'folder');
        return match?.id ?? null;
      });
      folders.set(dir, known);
    }
    return known;
  };

  const ids = new Map<string, string>();
  let looked = 0;
  for (const [dir, names] of byDir) {
    const id = await folderAt(dir);
    if (id !== null) {
      for (const file of await childrenNamed(api, id, names)) {
        const path = normalPath(dir === '' ? file.name : `${dir}/${file.name}`);
        if (file.type === 'folder') problems.push(`${path} is a folder: folders have no metadata; skipped`);
        else ids.set(path, file.id);
      }
    }
    looked += names.length;
    onProgress(`Finding files: ${looked.toLocaleString()} of ${rows.length.toLocaleString()}…`);
  }
  const folderPaths = new Set(problems.filter((p) => p.includes(' is a folder')).map((p) => p.slice(0, p.indexOf(' is a folder'))));
  const { edits, unknown } = planEdits(rows, (path) => ids.get(path));

  const outcome: ImportOutcome = {
    updated: 0, unchanged: rows.length - edits.length - unknown.length,
    unknown: unknown.filter((p) => !folderPaths.has(p)), problems, failures: [],
  };
  for (let start = 0; start < edits.length; start += PAGE) {
    const batch: Edit[] = edits.slice(start, start + PAGE);
    const answer = await api.send<{ items: { resource?: SbFile; error?: { message: string } }[] }>(
      'POST', '/v2/bulk/files/edit', { items: batch.map((e) => ({ id: e.id, metadata: e.metadata })) });
    answer.items.forEach((item, i) => {
      if (item.error) outcome.failures.push(`${batch[i].path}: ${item.error.message}`);
      else outcome.updated++;
    });
    onProgress(`Applying metadata: ${Math.min(start + PAGE, edits.length).toLocaleString()} of ${edits.length.toLocaleString()}…`);
  }
  return outcome;
}
