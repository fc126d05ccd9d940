// The genome view of an indexed CRAM: a `Reference` choice (the FASTA files with a .fai found in the
// CRAM's folder and the folders above it, or one given by its path in the project), then `Region` +
// `Show region` as for a BAM. The CRAM's contigs come from its header (htsget `class=header`); a
// reference without the region's contig, or with it at another length, is refused in words before
// igv.js is asked, which reads the CRAM, its index and the FASTA by presigned URLs, with no token.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Api, SbFile } from '../api/client';
import { BadRegion, checkRegion, type Contig, type GenomeKind, linkedIndex, parseRegion } from './genome';
import { contigsOf, IgvPane, type Shown } from './GenomeView';
import type { CramSource } from './igvView';
import { findReferences, fitsAll, foldersAbove, preselect, presignedUrl, type Reference, referenceAt,
  referenceContigs, referenceMismatch, rememberedReference } from './reference';

/** The candidates whose .fai is read to preselect one that fits; more are listed but not read up front. */
const FITS_READ = 20;

type Search =
  | { state: 'looking' }
  | { state: 'failed'; message: string }
  /** `fitting`: the first candidate that fits the file's contigs; undefined when the file's header could not be read. */
  | { state: 'done'; rootId: string; references: Reference[]; fitting?: string | null };

function message(error: unknown): string {
  return error instanceof BadRegion || error instanceof Error ? error.message : String(error);
}

export function CramGenomeView({ api, file, kind }: { api: Api; file: SbFile; kind: GenomeKind }) {
  const referenceId = useId();
  const pathId = useId();
  const regionId = useId();
  const [search, setSearch] = useState<Search>({ state: 'looking' });
  const [chosen, setChosen] = useState('');
  const [pathText, setPathText] = useState('');
  const [text, setText] = useState('');
  const [shown, setShown] = useState<(Shown & { reference: Reference }) | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const contigs = useRef<Promise<Contig[]> | null>(null);
  const referenceContigsOf = useRef(new Map<string, Promise<Contig[]>>());

  const fileContigs = () => {
    contigs.current ??= contigsOf(api, kind, file.id);
    return contigs.current.catch((e) => { contigs.current = null; throw e; });
  };
  const contigsOfReference = (reference: Reference) => {
    const cache = referenceContigsOf.current;
    if (!cache.has(reference.fasta.id)) cache.set(reference.fasta.id, referenceContigs(api, reference));
    return cache.get(reference.fasta.id)!.catch((e) => { cache.delete(reference.fasta.id); throw e; });
  };

  useEffect(() => {
    let current = true;
    (async () => {
      const folders = await foldersAbove(api, file);
      const rootId = folders.at(-1)?.id ?? file.parent ?? '';
      const references = await findReferences(api, folders);
      const remembered = rememberedReference.get(sessionStorage, file.id);
      if (remembered && !references.some((r) => r.path === remembered)) {
        // A reference given by its path earlier in this session, offered again unless it is gone since.
        await referenceAt(api, rootId, remembered).then((r) => references.push(r), () => {});
      }
      const known = await fileContigs().catch(() => [] as Contig[]);
      const fits = await Promise.all(references.map((r, i) => (i < FITS_READ && known.length > 0
        ? contigsOfReference(r).then((c) => fitsAll(known, c), () => false) : Promise.resolve(false))));
      if (!current) return;
      const first = references[preselect(references, fits, remembered)];
      setChosen(first?.path ?? '');
      const fitting = known.length > 0 ? references.find((_, i) => fits[i])?.path ?? null : undefined;
      setSearch({ state: 'done', rootId, references, fitting });
    })().catch((error) => {
      if (current) setSearch({ state: 'failed', message: `The reference files could not be looked for: ${message(error)}` });
    });
    return () => { current = false; };
  }, [api, file.id]);

  const references = search.state === 'done' ? search.references : [];

  const choose = (path: string) => {
    setChosen(path);
    rememberedReference.set(sessionStorage, file.id, path);
  };

  const usePath = async (event: Event) => {
    event.preventDefault();
    if (search.state !== 'done') return;
    setProblem(null);
    setBusy(true);
    try {
      const reference = await referenceAt(api, search.rootId, pathText);
      setSearch((before) => before.state !== 'done' || before.references.some((r) => r.path === reference.path)
        ? before : { ...before, references: [...before.references, reference] });
      choose(reference.path);
    } catch (error) {
      setProblem(message(error));
    } finally {
      setBusy(false);
    }
  };

  const show = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    setBusy(true);
    try {
      const reference = references.find((r) => r.path === chosen);
      if (!reference) throw new Error('Choose the reference FASTA the file was written against first (or give its path in the project).');
      const known = await fileContigs();
      const region = parseRegion(text || (known[0] ? `${known[0].name}:1-20000` : ''));
      checkRegion(region, known);
      const mismatch = referenceMismatch(region.contig, known, await contigsOfReference(reference), reference.path, file.name);
      if (mismatch) throw new Error(mismatch);
      rememberedReference.set(sessionStorage, file.id, reference.path);
      setShown((before) => ({ region, contigs: known, reference, generation: (before?.generation ?? 0) + 1 }));
    } catch (error) {
      setProblem(message(error));
    } finally {
      setBusy(false);
    }
  };

  const urls = async (reference: Reference): Promise<CramSource> => {
    const index = linkedIndex(file);
    if (!index) throw new Error('its index is no longer beside it');
    const [cram, crai, fasta, fai, gzi] = await Promise.all([file, index, reference.fasta, reference.fai, reference.gzi]
      .map((f) => (f ? presignedUrl(api, f) : Promise.resolve(undefined))));
    return { cram: cram!, crai: crai!, fasta: fasta!, fai: fai!, ...(gzi ? { gzi } : {}), referenceName: reference.path };
  };

  return (
    <section class="block" aria-label="Genome view">
      <h3>Genome view</h3>
      <p role="status" class="muted">{searchStatus(search)}</p>
      <form class="inline-form" onSubmit={show}>
        <label for={referenceId}>Reference</label>
        <select id={referenceId} value={chosen} disabled={references.length === 0}
                onChange={(e) => choose(e.currentTarget.value)}>
          {references.length === 0 && <option value="">{search.state === 'looking' ? 'Looking…' : 'None found'}</option>}
          {references.map((r) => <option key={r.path} value={r.path}>{r.path}</option>)}
        </select>
        <label for={regionId}>Region</label>
        <input id={regionId} value={text} placeholder="chr1:1-20000" autocomplete="off" spellcheck={false}
               onInput={(e) => setText(e.currentTarget.value)} />
        <button type="submit" disabled={busy || search.state === 'looking'}>Show region</button>
      </form>
      <form class="inline-form" onSubmit={usePath}>
        <label for={pathId}>Reference path</label>
        <input id={pathId} value={pathText} placeholder="refs/hg38.fa" autocomplete="off" spellcheck={false}
               onInput={(e) => setPathText(e.currentTarget.value)} />
        <button type="submit" disabled={busy || search.state !== 'done'}>Use reference</button>
      </form>
      {problem && <p role="alert">{problem}</p>}
      {shown && <IgvPane key={shown.generation} api={api} file={file} kind={kind} shown={shown} onProblem={setProblem}
                         cram={() => urls(shown.reference)} />}
    </section>
  );
}

function searchStatus(search: Search): string {
  if (search.state === 'looking') return 'Looking for reference FASTA files (with their .fai) in this folder and the folders above it…';
  if (search.state === 'failed') return search.message;
  if (search.references.length === 0) {
    return 'No FASTA file with its .fai was found in this folder or the folders above it: give the path of one in this project.';
  }
  const found = `${search.references.length} reference FASTA file${search.references.length === 1 ? '' : 's'} found`;
  if (search.fitting === undefined) return `${found}.`;
  return search.fitting
    ? `${found}; ${search.fitting} has the file's contigs, at the same lengths.`
    : `${found}; none lists the file's contigs at the same lengths.`;
}
