// "Look inside" in the details panel: the first lines of a text format or a BAM's header, read
// with one Range request of 64 KiB (decompressed when gzip/BGZF), never the whole file.
import { useEffect, useState } from 'preact/hooks';
import type { Api, SbFile } from '../api/client';
import { bamHeader, kindOf, NotText, textPreview, type TextPreview } from './formats';
import { readHead } from './head';
import './preview.css';

export function Preview({ api, file }: { api: Api; file: SbFile }) {
  const kind = kindOf(file.name);
  const [preview, setPreview] = useState<TextPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!kind || file.size === 0) return;
    let current = true;
    setPreview(null);
    setProblem(null);
    readHead(api, file.id, file.size)
      .then((head) => (kind === 'bam' ? bamHeader(head.bytes) : textPreview(kind, head.bytes, head.whole)))
      .then((p) => { if (current) setPreview(p); })
      .catch((e) => { if (current) setProblem(e instanceof NotText || e instanceof Error ? e.message : String(e)); });
    return () => { current = false; };
  }, [api, file.id, file.size, kind]);

  if (!kind) return null;
  const title = kind === 'bam' ? `Header of ${file.name}` : `First lines of ${file.name}`;
  return (
    <section class="block preview" aria-label="Preview">
      <h3>{kind === 'bam' ? 'Header' : 'First lines'}</h3>
      {file.size === 0 && <p>The file is empty.</p>}
      {problem && <p role="alert">No preview: {problem}</p>}
      {!preview && !problem && file.size > 0 && <p>Loading…</p>}
      {preview?.table ? (
        <div class="preview-scroll" tabIndex={0} role="region" aria-label={title}>
          <table>
            <thead><tr>{preview.table[0]?.map((h, i) => <th key={i} scope="col">{h}</th>)}</tr></thead>
            <tbody>{preview.table.slice(1).map((row, r) => <tr key={r}>{row.map((c, i) => <td key={i}>{c}</td>)}</tr>)}</tbody>
          </table>
        </div>
      ) : preview && (
        <pre class="preview-scroll" tabIndex={0} role="region" aria-label={title}>{preview.lines.join('\n')}</pre>
      )}
      {preview?.more && <p class="preview-note">Only the start of the file is shown.</p>}
    </section>
  );
}
