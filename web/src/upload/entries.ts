// The files of a pick or a drop with the path each keeps below the target folder, so a folder
// arrives with its structure: from an <input webkitdirectory> (webkitRelativePath) or from a drop
// (DataTransferItem.webkitGetAsEntry, walking each dropped folder).
import type { UploadItem } from './manager';

type RelativeFile = File & { webkitRelativePath?: string };

export function itemsOfPicked(files: Iterable<File>): UploadItem[] {
  return [...files].map((file) => ({ file, path: (file as RelativeFile).webkitRelativePath || file.name }));
}

// The parts of the File and Directory Entries API a drop hands out (no DOM typings for all of it).
interface Entry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
}
interface FileEntry extends Entry {
  file(ok: (file: File) => void, fail: (error: unknown) => void): void;
}
interface DirectoryEntry extends Entry {
  createReader(): { readEntries(ok: (entries: Entry[]) => void, fail: (error: unknown) => void): void };
}

function fileOf(entry: FileEntry): Promise<File> {
  return new Promise((ok, fail) => entry.file(ok, fail));
}

/** Every entry of a folder: readEntries answers in batches (100 in Chromium) until an empty one. */
async function childrenOf(entry: DirectoryEntry): Promise<Entry[]> {
  const reader = entry.createReader();
  const all: Entry[] = [];
  for (;;) {
    const batch = await new Promise<Entry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function walk(entry: Entry, prefix: string, into: UploadItem[]): Promise<void> {
  const path = prefix + entry.name;
  if (entry.isFile) {
    into.push({ file: await fileOf(entry as FileEntry), path });
  } else if (entry.isDirectory) {
    for (const child of await childrenOf(entry as DirectoryEntry)) await walk(child, path + '/', into);
  }
}

/**
 * What a drop carries. The entries must be taken during the drop event itself (the browser
 * empties the DataTransfer afterwards), so call this synchronously from the handler.
 */
export function itemsOfDrop(data: DataTransfer): Promise<UploadItem[]> {
  const entries: Entry[] = [];
  const loose: File[] = [];
  for (const item of [...data.items]) {
    if (item.kind !== 'file') continue;
    const entry = (item as DataTransferItem & { webkitGetAsEntry?: () => Entry | null }).webkitGetAsEntry?.();
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) loose.push(file);
    }
  }
  return (async () => {
    const items = loose.map((file) => ({ file, path: file.name }));
    for (const entry of entries) await walk(entry, '', items);
    return items;
  })();
}
