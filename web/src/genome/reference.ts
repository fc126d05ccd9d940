// The reference FASTA a CRAM is shown with: the candidates (FASTA files with their .fai, and a
// .gzi for a bgzipped one) in the CRAM's folder and the folders above it, found through the public
// v2 listing; one given by its path in the project; and whether a reference fits the CRAM's contigs.
import type { Api, SbFile } from '../api/client';
import type { Contig } from './genome';

export interface Reference {
  fasta: SbFile;
  fai: SbFile;
  /** The BGZF block index of a bgzipped FASTA (`x.fa.gz.gzi`); absent for a plain one. */
  gzi?: SbFile;
  /** Where the FASTA lies in the project, from its root: `refs/hg38.fa`. */
  path: string;
}

const PLAIN_FASTA = /\.(fa|fasta|fna)$/i;
const BGZIPPED_FASTA = /\.(fa|fasta)\.gz$/i;

/** True for the FASTA names igv can read with an index: plain, or bgzipped (which needs a .gzi too). */
export function isFastaName(name: string): boolean {
  return PLAIN_FASTA.test(name) || BGZIPPED_FASTA.test(name);
}

/** The FASTA a `.fai` indexes (`ref.fa.fai` -> `ref.fa`), or null when the name is not a FASTA's index. */
export function fastaOfIndex(faiName: string): string | null {
  if (!faiName.endsWith('.fai')) return null;
  const fasta = faiName.slice(0, -4);
  return isFastaName(fasta) ? fasta : null;
}

/** The names to look up beside a folder's .fai files: each FASTA, and each bgzipped one's .gzi. */
export function namesBeside(faiNames: string[]): string[] {
  const names: string[] = [];
  for (const fasta of faiNames.map(fastaOfIndex)) {
    if (!fasta) continue;
    names.push(fasta);
    if (BGZIPPED_FASTA.test(fasta)) names.push(`${fasta}.gzi`);
  }
  return names;
}

/**
 * The references of one folder: each .fai whose FASTA is there too (and, for a bgzipped FASTA, its
 * .gzi), in the order of the index files. `folderPath` is the folder's path from the project root.
 */
export function referencesIn(folderPath: string, faiFiles: SbFile[], found: SbFile[]): Reference[] {
  const byName = new Map(found.filter((f) => f.type !== 'folder').map((f) => [f.name, f]));
  const references: Reference[] = [];
  for (const fai of faiFiles) {
    const fastaName = fastaOfIndex(fai.name);
    const fasta = fastaName ? byName.get(fastaName) : undefined;
    if (!fastaName || !fasta) continue;
    const gzi = byName.get(`${fastaName}.gzi`);
    if (BGZIPPED_FASTA.test(fastaName) && !gzi) continue;
    references.push({ fasta, fai, ...(gzi && BGZIPPED_FASTA.test(fastaName) ? { gzi } : {}), path: joinPath(folderPath, fastaName) });
  }
  return references;
}

function joinPath(folderPath: string, name: string): string {
  return folderPath ? `${folderPath}/${name}` : name;
}

/** The contigs of a .fai (name, length, then offsets per line); lines that are not index lines are left out. */
export function faiContigs(text: string): Contig[] {
  const contigs: Contig[] = [];
  for (const line of text.split('\n')) {
    const fields = line.replace(/\r$/, '').split('\t');
    const length = Number(fields[1]);
    if (fields.length >= 5 && fields[0] && Number.isSafeInteger(length) && length > 0) contigs.push({ name: fields[0], length });
  }
  return contigs;
}

/** True when the reference has every contig the file names, each of the same length. */
export function fitsAll(fileContigs: Contig[], referenceContigs: Contig[]): boolean {
  const lengths = new Map(referenceContigs.map((c) => [c.name, c.length]));
  return fileContigs.length > 0 && fileContigs.every((c) => lengths.get(c.name) === c.length);
}

/**
 * Why the reference cannot be used for a region on `contig` of the file, in words; null when it
 * can (the reference has the contig, as long as the file's header says).
 */
export function referenceMismatch(contig: string, fileContigs: Contig[], referenceContigs: Contig[], referenceName: string,
  fileName: string): string | null {
  const inFile = fileContigs.find((c) => c.name === contig);
  const inReference = referenceContigs.find((c) => c.name === contig);
  if (!inReference) {
    return `The reference ${referenceName} has no contig "${contig}", so it is not the one ${fileName} was written against. `
      + 'Choose another reference.';
  }
  if (inFile && inFile.length !== inReference.length) {
    return `The reference ${referenceName} does not fit ${fileName}: its ${contig} is `
      + `${inReference.length.toLocaleString('en')} bases long, the file's is ${inFile.length.toLocaleString('en')}. `
      + 'Choose the reference the file was written against.';
  }
  return null;
}

/**
 * The reference to offer first: the one remembered for this file (by path) if it is among them,
 * else the first that fits the file's contigs (`fits`, in the same order), else the first.
 */
export function preselect(references: Reference[], fits: boolean[], rememberedPath: string | null): number {
  const remembered = references.findIndex((r) => r.path === rememberedPath);
  if (remembered >= 0) return remembered;
  const fitting = fits.findIndex(Boolean);
  return fitting >= 0 ? fitting : 0;
}

/** A .fai larger than this is not read by the page (16 MiB names some 400,000 contigs). */
export const FAI_LIMIT = 16 << 20;
/** The .fai files of one folder read at most (pages of 100): a folder of more is a data folder, not a reference's. */
const MAX_INDEX_PAGES = 10;
const PAGE = 100;

async function listAll(api: Api, query: Record<string, string | string[]>, maxPages: number): Promise<SbFile[]> {
  const items: SbFile[] = [];
  for (let page = 0; page < maxPages; page++) {
    const answer = await api.list<SbFile>('/v2/files', { ...query, offset: page * PAGE, limit: PAGE });
    items.push(...answer.items);
    if (answer.items.length < PAGE || items.length >= answer.total) break;
  }
  return items;
}

/** The files of `folderId` with exactly these names (in batches: the name filter is an OR). */
async function filesNamed(api: Api, folderId: string, names: string[]): Promise<SbFile[]> {
  const found: SbFile[] = [];
  for (let i = 0; i < names.length; i += PAGE) {
    found.push(...(await listAll(api, { parent: folderId, name: names.slice(i, i + PAGE) }, 1)));
  }
  return found;
}

async function referencesOfFolder(api: Api, folderId: string, folderPath: string): Promise<Reference[]> {
  const indexes = (await listAll(api, { parent: folderId, name_contains: '.fai' }, MAX_INDEX_PAGES))
    .filter((f) => f.type !== 'folder' && fastaOfIndex(f.name));
  if (indexes.length === 0) return [];
  const beside = await filesNamed(api, folderId, namesBeside(indexes.map((f) => f.name)));
  return referencesIn(folderPath, indexes, beside);
}

/** A folder and its path from the project root. */
export interface Place {
  id: string;
  path: string;
}

/** The file's folder and each folder above it, nearest first, the project root last (path ''). */
export async function foldersAbove(api: Api, file: SbFile): Promise<Place[]> {
  const chain: SbFile[] = [];
  // A folder tree is at most 256 deep here (as the details panel's checksum lookup assumes).
  for (let id = file.parent; id && chain.length < 256; ) {
    const folder = await api.file(id);
    chain.push(folder);
    id = folder.parent;
  }
  // chain[last] is the root, whose name is not part of a path.
  return chain.map((folder, i) => ({
    id: folder.id,
    path: chain.slice(i, chain.length - 1).map((f) => f.name).reverse().join('/'),
  }));
}

/** The candidates for the file's reference: in its folder, then each folder above it up to the project root. */
export async function findReferences(api: Api, folders: Place[]): Promise<Reference[]> {
  const all: Reference[] = [];
  for (const folder of folders) all.push(...(await referencesOfFolder(api, folder.id, folder.path)));
  return all;
}

/** A reference given by its path from the project root (`refs/hg38.fa`); refused in words. */
export async function referenceAt(api: Api, rootId: string, path: string): Promise<Reference> {
  const parts = path.split('/').map((p) => p.trim()).filter((p) => p !== '');
  const name = parts.at(-1);
  if (!name || !isFastaName(name)) {
    throw new Error('Give the path of a FASTA file in this project (.fa, .fasta, .fna, or a bgzipped .fa.gz or .fasta.gz), '
      + 'for example refs/hg38.fa.');
  }
  const clean = parts.join('/');
  let folderId = rootId;
  for (const part of parts.slice(0, -1)) {
    const [folder] = (await filesNamed(api, folderId, [part])).filter((f) => f.type === 'folder');
    if (!folder) throw new Error(`There is no folder "${part}" on the way to ${clean} in this project.`);
    folderId = folder.id;
  }
  const beside = await filesNamed(api, folderId, [name, `${name}.fai`, `${name}.gzi`]);
  const fai = beside.filter((f) => f.name === `${name}.fai` && f.type !== 'folder');
  const [reference] = referencesIn(parts.slice(0, -1).join('/'), fai, beside);
  if (reference) return reference;
  if (!beside.some((f) => f.name === name && f.type !== 'folder')) throw new Error(`There is no file ${clean} in this project.`);
  const wanted = BGZIPPED_FASTA.test(name) ? `${name}.fai and ${name}.gzi` : `${name}.fai`;
  throw new Error(`${clean} has no index beside it: upload ${wanted} to its folder (samtools faidx makes them).`);
}

/** A presigned URL of a file (the public download_info): it needs no token, so none goes to igv or to the store. */
export async function presignedUrl(api: Api, file: SbFile): Promise<string> {
  return (await api.get<{ url: string }>(`/v2/files/${encodeURIComponent(file.id)}/download_info`)).url;
}

/** The contigs a reference's .fai lists, read through its presigned URL. */
export async function referenceContigs(api: Api, reference: Reference): Promise<Contig[]> {
  if (reference.fai.size > FAI_LIMIT) {
    throw new Error(`The index ${reference.fai.name} is too large for this page to read (over 16 MiB).`);
  }
  let response: Response;
  try {
    response = await fetch(await presignedUrl(api, reference.fai), { cache: 'no-store' });
  } catch {
    throw new Error(`The index ${reference.fai.name} could not be read from its storage.`);
  }
  if (!response.ok) throw new Error(`The index ${reference.fai.name} could not be read (HTTP ${response.status}).`);
  return faiContigs(await response.text());
}

/** The reference chosen for a CRAM, remembered for this tab's session by the FASTA's path (never the token). */
export const rememberedReference = {
  key: (cramId: string) => `seqvault.genome.reference.${cramId}`,
  get(storage: Storage, cramId: string): string | null {
    return storage.getItem(this.key(cramId));
  },
  set(storage: Storage, cramId: string, path: string): void {
    storage.setItem(this.key(cramId), path);
  },
};
