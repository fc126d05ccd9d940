// A metadata manifest: a CSV with a `path` column (the file's path below the folder it was
// exported from or is imported into) and one column per metadata key, one row per file.
// On import an empty cell leaves that key of that file as it is (a spreadsheet cannot tell an
// empty value from a missing one); to remove a key, use the metadata editor. Paths that match no
// file, and rows that cannot be read, are reported and skipped; the other rows still apply.
import { csvRecord, CsvError, parseCsv } from './csv';

export const PATH_COLUMN = 'path';

export interface ManifestFile {
  path: string;
  metadata: Record<string, string>;
}

/** The manifest's lines, header first: keys in alphabetical order, rows in the order given. */
export function manifestLines(files: ManifestFile[]): string[] {
  const keys = [...new Set(files.flatMap((f) => Object.keys(f.metadata)))].sort();
  return [csvRecord([PATH_COLUMN, ...keys]), ...files.map((f) => csvRecord([f.path, ...keys.map((k) => f.metadata[k] ?? '')]))];
}

export interface ManifestRow {
  /** The CSV record's number (1 is the header), for messages. */
  record: number;
  path: string;
  /** Only the keys with a value in this row. */
  metadata: Record<string, string>;
}

export interface ReadManifest {
  rows: ManifestRow[];
  problems: string[];
}

/** "./a/b.bam", "/a/b.bam" and "a//b.bam" all name a/b.bam. */
export function normalPath(path: string): string {
  return path.trim().split('/').filter((p) => p.length > 0 && p !== '.').join('/');
}

/** Reads a manifest; a header it cannot use is an error, a bad row only a problem. */
export function readManifest(text: string): ReadManifest {
  const records = parseCsv(text);
  if (records.length === 0) throw new CsvError('the manifest is empty');
  const header = records[0].map((h) => h.trim());
  const pathAt = header.indexOf(PATH_COLUMN);
  if (pathAt < 0) throw new CsvError(`the manifest has no "${PATH_COLUMN}" column`);
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name === '') throw new CsvError(`column ${i + 1} of the header has no name`);
    if (seen.has(name)) throw new CsvError(`the header names the column "${name}" twice`);
    seen.add(name);
  });

  const rows: ManifestRow[] = [];
  const problems: string[] = [];
  const firstRecordOf = new Map<string, number>();
  records.slice(1).forEach((cells, index) => {
    const record = index + 2;
    if (cells.length === 1 && cells[0].trim() === '') return; // a blank line
    if (cells.length !== header.length) {
      problems.push(`row ${record}: ${cells.length} cells where the header has ${header.length}; skipped`);
      return;
    }
    const path = normalPath(cells[pathAt]);
    if (path === '') {
      problems.push(`row ${record}: no path; skipped`);
      return;
    }
    const earlier = firstRecordOf.get(path);
    if (earlier !== undefined) {
      problems.push(`row ${record}: ${path} is already on row ${earlier}; skipped`);
      return;
    }
    firstRecordOf.set(path, record);
    const metadata: Record<string, string> = {};
    header.forEach((key, i) => {
      if (i !== pathAt && cells[i] !== '') metadata[key] = cells[i];
    });
    rows.push({ record, path, metadata });
  });
  return { rows, problems };
}

export interface Edit {
  id: string;
  path: string;
  metadata: Record<string, string>;
}

/** Rows matched to files by path; rows with no value to set change nothing and are left out. */
export function planEdits(rows: ManifestRow[], idOf: (path: string) => string | undefined): { edits: Edit[]; unknown: string[] } {
  const edits: Edit[] = [];
  const unknown: string[] = [];
  for (const row of rows) {
    const id = idOf(row.path);
    if (id === undefined) unknown.push(row.path);
    else if (Object.keys(row.metadata).length > 0) edits.push({ id, path: row.path, metadata: row.metadata });
  }
  return { edits, unknown };
}
