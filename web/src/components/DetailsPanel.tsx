import { useCallback, useEffect, useId, useState } from 'preact/hooks';
import type { Api, SbFile, SbProject } from '../api/client';
import { GenomeView } from '../genome/GenomeView';
import { Preview } from '../preview/Preview';
import { Dialog } from './Dialog';
import { useNotices } from './notices';

interface Checksums {
  md5: string | null;
  sha256: string | null;
}

/**
 * The whole-file checksums come from the v1 view of the same file (the v2 file object has none):
 * its key is the folder path from the project's root plus the name, found by listing that prefix.
 */
async function checksumsOf(api: Api, project: SbProject & { workspace_id?: string }, file: SbFile): Promise<Checksums> {
  const names = [file.name];
  let parent = file.parent;
  while (parent && parent !== project.root_folder && names.length < 256) {
    const folder = await api.file(parent);
    names.unshift(folder.name);
    parent = folder.parent;
  }
  const key = names.join('/');
  const answer = await api.get<{ files: { key: string; file_id?: string; md5: string; sha256: string }[] }>(
    '/v1/files', { workspace_id: project.workspace_id ?? '', prefix: key, limit: 10 });
  const found = answer.files.find((f) => f.file_id === file.id || f.key === key);
  return { md5: found?.md5 ?? null, sha256: found?.sha256 ?? null };
}

function CopyButton({ text, what }: { text: string; what: string }) {
  const notices = useNotices();
  return (
    <button type="button" class="small" aria-label={`Copy ${what}`} onClick={() => {
      navigator.clipboard.writeText(text).then(() => notices.info(`${what} copied.`),
        () => notices.error(`Could not copy the ${what}; select it and copy it by hand.`));
    }}>Copy</button>
  );
}

export function DetailsPanel({ api, project, id, onClose, onChanged, linkOf }: {
  api: Api;
  project: SbProject;
  id: string;
  onClose: () => void;
  onChanged: () => void;
  linkOf: (id: string) => string;
}) {
  const notices = useNotices();
  const [file, setFile] = useState<SbFile | null>(null);
  const [sums, setSums] = useState<Checksums | null>(null);
  const [editing, setEditing] = useState(false);
  const [tagging, setTagging] = useState(false);

  const load = useCallback(async () => {
    const f = await api.file(id);
    setFile(f);
    if (f.type !== 'folder') setSums(await checksumsOf(api, project, f));
  }, [api, id, project]);
  useEffect(() => {
    setFile(null);
    setSums(null);
    load().catch((e) => { notices.error(e); });
  }, [load, notices]);

  // The header is read a moment after upload: look again while it is pending.
  const extraction = file?.extracted_metadata?.status;
  useEffect(() => {
    if (extraction !== 'pending' && !extraction?.startsWith('retrying')) return;
    const timer = setTimeout(() => { api.file(id).then(setFile, () => {}); }, 1500);
    return () => clearTimeout(timer);
  }, [api, id, extraction, file]);

  const changed = (next: SbFile) => {
    setFile(next);
    onChanged();
  };

  const saveMetadata = async (key: string, value: string | null) => {
    try {
      await api.send('PATCH', `/v2/files/${encodeURIComponent(id)}/metadata`, { [key]: value });
      changed(await api.file(id));
      notices.info(value === null ? `Removed ${key}.` : `Saved ${key}.`);
      setEditing(false);
    } catch (error) {
      notices.error(error);
    }
  };
  const saveTags = async (tags: string[]) => {
    try {
      await api.send('PUT', `/v2/files/${encodeURIComponent(id)}/tags`, tags);
      changed(await api.file(id));
      setTagging(false);
    } catch (error) {
      notices.error(error);
    }
  };

  if (!file) return <Dialog title="File details" onClose={onClose}><p>Loading…</p></Dialog>;
  const drs = typeof file.drs_uri === 'string' ? file.drs_uri : null;
  const secondary = file._secondary_files ?? [];
  const fromHeader = new Set(file.extracted_metadata?.keys ?? []);
  return (
    <Dialog title={file.name} onClose={onClose} wide>
      <dl class="facts">
        <dt>Size</dt><dd>{file.size.toLocaleString()} bytes</dd>
        <dt>MD5</dt><dd class="mono">{sums ? sums.md5 ?? 'not known' : 'Loading…'}</dd>
        <dt>SHA-256</dt><dd class="mono">{sums ? sums.sha256 ?? 'not known' : 'Loading…'}</dd>
        <dt>Created</dt><dd>{new Date(file.created_on).toLocaleString()}</dd>
        <dt>Modified</dt><dd>{new Date(file.modified_on).toLocaleString()}</dd>
        <dt>Origin task</dt><dd>{file.origin?.task ?? 'none'}</dd>
        <dt>ID</dt><dd class="mono"><span>{file.id}</span> <CopyButton text={file.id} what="ID" /></dd>
        <dt>DRS URI</dt>
        <dd class="mono">{drs ? <><span>{drs}</span> <CopyButton text={drs} what="DRS URI" /></> : 'not available on this server'}</dd>
        <dt>Index files</dt>
        <dd>{secondary.length === 0 ? 'none' : (
          <ul>{secondary.map((s) => <li key={s.id}><a href={linkOf(s.id)}>{s.name}</a></li>)}</ul>
        )}</dd>
      </dl>
      <section aria-label="Tags" class="block">
        <h3>Tags</h3>
        {file.tags.length === 0 ? <p class="muted">No tags.</p> : (
          <ul class="tags">
            {file.tags.map((tag) => (
              <li key={tag}>{tag} <button type="button" class="small" aria-label={`Remove tag ${tag}`}
                                         onClick={() => saveTags(file.tags.filter((t) => t !== tag))}>×</button></li>
            ))}
          </ul>
        )}
        {tagging ? <TagForm onSave={(tag) => saveTags([...file.tags.filter((t) => t !== tag), tag])} /> : (
          <button type="button" onClick={() => setTagging(true)}>Add tag</button>
        )}
      </section>
      <section aria-label="Metadata" class="block">
        <h3>Metadata</h3>
        {file.extracted_metadata && (
          <p class="muted">Reading the file's header: {file.extracted_metadata.status}.</p>
        )}
        {Object.keys(file.metadata).length === 0 ? <p class="muted">No metadata.</p> : (
          <table class="kv">
            <thead><tr><th scope="col">Key</th><th scope="col">Value</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {Object.entries(file.metadata).map(([key, value]) => (
                <tr key={key}>
                  <th scope="row">{key}</th>
                  <td>{String(value)}{fromHeader.has(key) && <span class="muted"> (read from the file's header)</span>}</td>
                  <td><button type="button" class="small" aria-label={`Remove ${key}`} onClick={() => saveMetadata(key, null)}>Remove</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {editing ? <MetadataForm onSave={saveMetadata} /> : (
          <button type="button" onClick={() => setEditing(true)}>Edit metadata</button>
        )}
      </section>
      {file.type !== 'folder' && <Preview api={api} file={file} />}
      {file.type !== 'folder' && <GenomeView key={file.id} api={api} file={file} />}
    </Dialog>
  );
}

function MetadataForm({ onSave }: { onSave: (key: string, value: string) => void }) {
  const id = useId();
  return (
    <form class="inline-form" aria-label="Edit metadata" onSubmit={(e) => {
      e.preventDefault();
      const form = e.currentTarget;
      const key = (form.elements.namedItem('key') as HTMLInputElement).value.trim();
      const value = (form.elements.namedItem('value') as HTMLInputElement).value;
      onSave(key, value);
    }}>
      <label for={`${id}-k`}>Key</label>
      <input id={`${id}-k`} name="key" required autoFocus autocomplete="off" />
      <label for={`${id}-v`}>Value</label>
      <input id={`${id}-v`} name="value" autocomplete="off" />
      <button type="submit">Save</button>
    </form>
  );
}

function TagForm({ onSave }: { onSave: (tag: string) => void }) {
  const id = useId();
  return (
    <form class="inline-form" aria-label="Add tag" onSubmit={(e) => {
      e.preventDefault();
      const tag = (e.currentTarget.elements.namedItem('tag') as HTMLInputElement).value.trim();
      if (tag) onSave(tag);
    }}>
      <label for={id}>Tag</label>
      <input id={id} name="tag" required autoFocus autocomplete="off" />
      <button type="submit">Add</button>
    </form>
  );
}
