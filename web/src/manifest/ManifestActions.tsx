// Toolbar controls for metadata manifests: `Export metadata` downloads the CSV of every file
// below the folder; `Import metadata` reads one and applies it, then says what it did, which
// paths matched nothing and which rows it could not use.
import { useState } from 'preact/hooks';
import type { Api } from '../api/client';
import { Dialog } from '../components/Dialog';
import { useNotices } from '../components/notices';
import type { ImportOutcome } from './remote';
import { exportManifest, importManifest } from './remote';

const LISTED = 100;

function saveAs(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function Listed({ title, lines }: { title: string; lines: string[] }) {
  if (lines.length === 0) return null;
  return (
    <section class="block" aria-label={title}>
      <h3>{title} ({lines.length.toLocaleString()})</h3>
      <ul>{lines.slice(0, LISTED).map((l) => <li key={l}>{l}</li>)}</ul>
      {lines.length > LISTED && <p>and {(lines.length - LISTED).toLocaleString()} more</p>}
    </section>
  );
}

export function ManifestActions({ api, folder, folderName, onImported }: {
  api: Api; folder: string; folderName: string; onImported: () => void;
}) {
  const notices = useNotices();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);

  const exportIt = async () => {
    setBusy(true);
    try {
      notices.info('Exporting metadata…');
      const { csv, files } = await exportManifest(api, folder, (n) => notices.info(`Exporting metadata: ${n.toLocaleString()} files…`));
      saveAs(csv, `${folderName || 'files'}-metadata.csv`);
      notices.info(`Exported the metadata of ${files.toLocaleString()} file${files === 1 ? '' : 's'}.`);
    } catch (error) {
      notices.error(error);
    } finally {
      setBusy(false);
    }
  };

  const importIt = async (file: File) => {
    setBusy(true);
    try {
      const result = await importManifest(api, folder, await file.text(), (m) => notices.info(m));
      notices.info(`Metadata imported: ${result.updated.toLocaleString()} file${result.updated === 1 ? '' : 's'} updated.`);
      setOutcome(result);
      onImported();
    } catch (error) {
      notices.error(new Error(`The manifest could not be used: ${error instanceof Error ? error.message : String(error)}`));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" disabled={busy} onClick={() => void exportIt()}>Export metadata</button>
      <label class="file-button">
        <span>Import metadata</span>
        <input type="file" accept=".csv,text/csv" aria-label="Import metadata" disabled={busy}
               onChange={(e) => { const input = e.currentTarget; const f = input.files?.[0]; input.value = ''; if (f) void importIt(f); }} />
      </label>
      {outcome && (
        <Dialog title="Metadata imported" onClose={() => setOutcome(null)}>
          <p>
            {outcome.updated.toLocaleString()} file{outcome.updated === 1 ? '' : 's'} updated
            {outcome.unchanged > 0 && `, ${outcome.unchanged.toLocaleString()} row${outcome.unchanged === 1 ? '' : 's'} with no value to set`}.
            Empty cells leave a key as it was.
          </p>
          <Listed title="Paths that match no file" lines={outcome.unknown} />
          <Listed title="Rows not used" lines={outcome.problems} />
          <Listed title="Files that refused the change" lines={outcome.failures} />
        </Dialog>
      )}
    </>
  );
}
