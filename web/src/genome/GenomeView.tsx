// "Genome view" in the details panel of an indexed BAM, CRAM or bgzipped VCF: a `Region` box and a
// `Show region` button that open igv.js on that region, reading a BAM or VCF through htsget. A CRAM
// also gets a `Reference` choice (CramGenomeView.tsx): igv reads it and the FASTA by presigned URLs.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Api, SbFile } from '../api/client';
import { CramGenomeView } from './CramGenomeView';
import { cramHeaderText, samContigs } from './cram';
import { BadRegion, bamContigs, checkRegion, type Contig, type GenomeKind, genomeKindOf, parseRegion, type Region,
  tokenWouldLeak, vcfContigs } from './genome';
import { readHeader } from './header';
import type { CramSource, IgvView } from './igvView';
import './genome.css';

export interface Shown {
  region: Region;
  contigs: Contig[];
  /** Counts the views opened: each gets a fresh element for igv (it keeps state on the one it is given). */
  generation: number;
}

/** The contigs the file's header names, read once per opened panel. */
export async function contigsOf(api: Api, kind: GenomeKind, fileId: string): Promise<Contig[]> {
  const header = await readHeader(api, kind, fileId);
  // igv gets no token for a CRAM (it reads it by presigned URLs), so only htsget's readers can leak one.
  if (kind.format === 'cram') return samContigs(await cramHeaderText(header.bytes));
  if (tokenWouldLeak(header.urls, new URL(window.location.href))) {
    throw new Error('The genome view is not available here: the file storage has this server\'s host name but '
      + 'another port, and the viewer would send your token to it.');
  }
  return kind.format === 'bam' ? bamContigs(header.bytes) : vcfContigs(new TextDecoder().decode(header.bytes));
}

export function GenomeView({ api, file }: { api: Api; file: SbFile }) {
  const which = genomeKindOf(file);
  const regionId = useId();
  const [text, setText] = useState('');
  const [shown, setShown] = useState<Shown | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const contigs = useRef<Promise<Contig[]> | null>(null);

  if (!which) return null;
  if ('none' in which) {
    return (
      <section class="block" aria-label="Genome view">
        <h3>Genome view</h3>
        <p class="muted">{which.none}</p>
      </section>
    );
  }
  const kind = which.kind;
  if (kind.format === 'cram') return <CramGenomeView api={api} file={file} kind={kind} />;

  const show = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    setBusy(true);
    try {
      contigs.current ??= contigsOf(api, kind, file.id);
      const known = await contigs.current.catch((e) => { contigs.current = null; throw e; });
      const region = parseRegion(text || (known[0] ? `${known[0].name}:1-20000` : ''));
      checkRegion(region, known);
      setShown((before) => ({ region, contigs: known, generation: (before?.generation ?? 0) + 1 }));
    } catch (error) {
      setProblem(error instanceof BadRegion || error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="block" aria-label="Genome view">
      <h3>Genome view</h3>
      <form class="inline-form" onSubmit={show}>
        <label for={regionId}>Region</label>
        <input id={regionId} value={text} placeholder="chr1:1-20000" autocomplete="off" spellcheck={false}
               onInput={(e) => setText(e.currentTarget.value)} />
        <button type="submit" disabled={busy}>Show region</button>
      </form>
      {problem && <p role="alert">{problem}</p>}
      {shown && <IgvPane key={shown.generation} api={api} file={file} kind={kind} shown={shown} onProblem={setProblem} />}
    </section>
  );
}

export function IgvPane({ api, file, kind, shown, onProblem, cram }: {
  api: Api;
  file: SbFile;
  kind: GenomeKind;
  shown: Shown;
  onProblem: (message: string) => void;
  /** A CRAM's presigned URLs, asked for each time a view opens (they expire). */
  cram?: () => Promise<CramSource>;
}) {
  const host = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const { region } = shown;
  const where = `${region.contig}:${region.start}-${region.end}`;

  useEffect(() => {
    let view: IgvView | null = null;
    let current = true;
    setReady(false);
    Promise.all([import('./igvView'), cram?.()])
      .then(([{ openIgv }, cramSource]) => openIgv(host.current!, {
        token: api.token, kind, fileId: file.id, fileName: file.name, contigs: shown.contigs, region, cram: cramSource,
      }))
      .then((opened) => {
        if (current) { view = opened; setReady(true); } else opened.close();
      })
      .catch((error) => { if (current) onProblem(`The genome view could not be opened: ${error?.message ?? error}`); });
    return () => {
      current = false;
      view?.close();
    };
  }, [api, file.id, file.name, kind, shown]);

  return (
    <div role="region" aria-label={`Genome view of ${file.name} at ${where}`} aria-busy={!ready}>
      <p role="status" class="muted">{ready ? `Showing ${where}.` : `Opening ${where}…`}</p>
      <div ref={host} class="igv-host" />
    </div>
  );
}
