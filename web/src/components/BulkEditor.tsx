import { useId, useState } from 'preact/hooks';
import type { Api, SbFile } from '../api/client';
import { Dialog } from './Dialog';
import { useNotices } from './notices';

const BATCH = 100;

type Row = { file: SbFile; metadata: Record<string, string>; tags: string };

/** The changes of one row: keys set or changed, keys emptied (null removes them), tags when edited. */
export function changesOf(before: SbFile, row: Row): { metadata: Record<string, string | null>; tags?: string[] } | null {
  const metadata: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(row.metadata)) {
    const old = before.metadata[key];
    if (value === '' && old !== undefined) metadata[key] = null;
    else if (value !== '' && value !== old) metadata[key] = value;
  }
  const tags = row.tags.split(',').map((t) => t.trim()).filter((t) => t.length > 0);
  const tagsChanged = tags.join(',') !== before.tags.join(',');
  if (Object.keys(metadata).length === 0 && !tagsChanged) return null;
  return tagsChanged ? { metadata, tags } : { metadata };
}

/**
 * Metadata and tags of a selection as a table: one row per file, one column per key; an emptied
 * cell removes the key. Saved through the bulk edit call, 100 files a request, each file alone.
 */
export function BulkEditor({ api, files, onClose, onSaved }: {
  api: Api;
  files: SbFile[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const notices = useNotices();
  const keyId = useId();
  const [keys, setKeys] = useState(() => [...new Set(files.flatMap((f) => Object.keys(f.metadata)))].sort());
  const [rows, setRows] = useState<Row[]>(() => files.map((file) => ({
    file, metadata: Object.fromEntries(Object.entries(file.metadata).map(([k, v]) => [k, String(v)])), tags: file.tags.join(', '),
  })));
  const [busy, setBusy] = useState(false);

  const setCell = (index: number, key: string, value: string) =>
    setRows(rows.map((r, i) => (i === index ? { ...r, metadata: { ...r.metadata, [key]: value } } : r)));
  const setTags = (index: number, value: string) => setRows(rows.map((r, i) => (i === index ? { ...r, tags: value } : r)));

  const save = async () => {
    const items = rows.flatMap((row) => {
      const change = changesOf(row.file, row);
      return change ? [{ id: row.file.id, ...change }] : [];
    });
    if (items.length === 0) {
      notices.info('Nothing changed.');
      return;
    }
    setBusy(true);
    const failures: string[] = [];
    try {
      for (let start = 0; start < items.length; start += BATCH) {
        const batch = items.slice(start, start + BATCH);
        const answer = await api.send<{ items: { error?: { message: string } }[] }>('POST', '/v2/bulk/files/edit', { items: batch });
        answer.items.forEach((item, i) => {
          if (item.error) failures.push(`${rows.find((r) => r.file.id === batch[i].id)?.file.name}: ${item.error.message}`);
        });
        notices.info(`Saving: ${Math.min(start + BATCH, items.length)} of ${items.length} files…`);
      }
      if (failures.length > 0) notices.error(`Saved ${items.length - failures.length} of ${items.length} files. ${failures.join('; ')}`);
      else notices.info(`Saved ${items.length} file${items.length === 1 ? '' : 's'}.`);
      onSaved();
    } catch (error) {
      notices.error(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Edit ${files.length.toLocaleString()} file${files.length === 1 ? '' : 's'}`} onClose={onClose} wide>
      <div class="bulk-table">
        <table class="kv">
          <thead>
            <tr><th scope="col">File</th>{keys.map((k) => <th scope="col" key={k}>{k}</th>)}<th scope="col">Tags</th></tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row.file.id}>
                <th scope="row">{row.file.name}</th>
                {keys.map((key) => (
                  <td key={key}>
                    <input aria-label={`${key} of ${row.file.name}`} value={row.metadata[key] ?? ''} size={10}
                           onInput={(e) => setCell(index, key, e.currentTarget.value)} />
                  </td>
                ))}
                <td>
                  <input aria-label={`Tags of ${row.file.name}`} value={row.tags} size={14}
                         onInput={(e) => setTags(index, e.currentTarget.value)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form class="inline-form" aria-label="Add a metadata column" onSubmit={(e) => {
        e.preventDefault();
        const input = e.currentTarget.elements.namedItem('key') as HTMLInputElement;
        const key = input.value.trim();
        if (key && !keys.includes(key)) setKeys([...keys, key]);
        input.value = '';
      }}>
        <label for={keyId}>New key</label>
        <input id={keyId} name="key" autocomplete="off" />
        <button type="submit">Add key</button>
      </form>
      <p class="muted">An emptied cell removes that key from the file. Tags are separated by commas.</p>
      <div class="actions"><button type="button" disabled={busy} onClick={save}>Save all</button></div>
    </Dialog>
  );
}
