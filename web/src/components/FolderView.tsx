import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { allProjects, type Api, type SbFile, type SbProject } from '../api/client';
import {
  allMatches, copyAll, deleteAll, downloadAll, moveAll, type Outcome, resolveFolderPath,
} from '../listing/actions';
import { PAGE_SIZE, usePagedListing } from '../listing/usePagedListing';
import { pagesOf, rowRange, visibleRows } from '../listing/window';
import { hrefOf, navigate } from '../route';
import { itemsOfDrop, itemsOfPicked } from '../upload/entries';
import type { UploadItem } from '../upload/manager';
import { UploadPanel, uploadManagerFor } from '../upload/UploadPanel';
import { ManifestActions } from '../manifest/ManifestActions';
import { Breadcrumbs } from './Breadcrumbs';
import { BulkEditor } from './BulkEditor';
import { DetailsPanel } from './DetailsPanel';
import { Dialog, NameDialog } from './Dialog';
import { useNotices } from './notices';

const ROW_HEIGHT = 36;
const OVERSCAN = 8;

interface Filters {
  name: string;
  metaKey: string;
  metaValue: string;
  tag: string;
  task: string;
}

const NO_FILTERS: Filters = { name: '', metaKey: '', metaValue: '', tag: '', task: '' };

/** The listing query of the filters: `name_contains` is SeqVault's extension; the rest are v2's own. */
function queryOf(filters: Filters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.name.trim()) query.name_contains = filters.name.trim();
  if (filters.metaKey.trim()) query[`metadata.${filters.metaKey.trim()}`] = filters.metaValue;
  if (filters.tag.trim()) query.tag = filters.tag.trim();
  if (filters.task.trim()) query['origin.task'] = filters.task.trim();
  return query;
}

/** A sortable column and its direction; the listing asks the server for it (`order_by`, a SeqVault extension). */
interface Sort {
  by: 'name' | 'size' | 'modified_on';
  descending: boolean;
}

const BY_NAME: Sort = { by: 'name', descending: false };

function sortQuery(sort: Sort): Record<string, string> {
  if (sort.by === 'name' && !sort.descending) return {};
  return { order_by: sort.by, direction: sort.descending ? 'desc' : 'asc' };
}

/** "1 item", "4 items", "1 match", "3 matches". */
function countOf(n: number, filtered: boolean): string {
  const noun = filtered ? (n === 1 ? 'match' : 'matches') : (n === 1 ? 'item' : 'items');
  return `${n.toLocaleString()} ${noun}`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

type Pending = null | 'new-folder' | 'delete' | 'copy' | 'move' | 'rename' | 'edit';

export function FolderView({ api, route }: {
  api: Api;
  route: { project: string; folder?: string; file?: string };
}) {
  const notices = useNotices();
  const [project, setProject] = useState<SbProject | null>(null);
  useEffect(() => {
    setProject(null);
    const [owner, slug] = route.project.split('/');
    api.get<SbProject>(`/v2/projects/${encodeURIComponent(owner)}/${encodeURIComponent(slug)}`)
      .then(setProject, (e) => notices.error(e));
  }, [api, route.project, notices]);
  if (!project) return <p>Loading project…</p>;
  return <Folder api={api} project={project} folder={route.folder ?? project.root_folder} file={route.file} />;
}

function Folder({ api, project, folder, file }: { api: Api; project: SbProject; folder: string; file?: string }) {
  const notices = useNotices();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [sort, setSort] = useState<Sort>(BY_NAME);
  const query = useMemo(() => ({ ...queryOf(applied), ...sortQuery(sort) }), [applied, sort]);
  const listPath = `/v2/files/${encodeURIComponent(folder)}/list`;
  const listing = usePagedListing(api, listPath, query);
  const [selected, setSelected] = useState<Map<string, SbFile>>(new Map());
  const [allSelected, setAllSelected] = useState(false);
  const anchor = useRef<number | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<SbFile[]>([]);

  // A filter applies a moment after typing stops, so each keystroke is not a request.
  useEffect(() => {
    const timer = setTimeout(() => setApplied(filters), 250);
    return () => clearTimeout(timer);
  }, [filters]);
  useEffect(() => {
    setSelected(new Map());
    setAllSelected(false);
    anchor.current = null;
  }, [folder, query]);
  useEffect(() => { if (listing.error) notices.error(listing.error); }, [listing.error, notices]);

  const selection = useCallback(async (): Promise<SbFile[]> => {
    if (allSelected) return allMatches(api, listPath, query);
    return [...selected.values()];
  }, [allSelected, api, listPath, query, selected]);

  const selectedCount = allSelected ? listing.total ?? 0 : selected.size;

  const toggle = (index: number, row: SbFile, shift: boolean) => {
    setAllSelected(false);
    const next = new Map(allSelected ? [] : selected);
    const on = !next.has(row.id);
    const indexes = shift && anchor.current !== null ? rowRange(anchor.current, index) : [index];
    for (const i of indexes) {
      const r = listing.rowAt(i);
      if (!r) continue;
      if (on) next.set(r.id, r);
      else next.delete(r.id);
    }
    anchor.current = index;
    setSelected(next);
  };

  /** Runs an action on the selection; one that changes the folder (changes=true) clears the selection and reloads. */
  const run = async (label: string, act: (items: SbFile[]) => Promise<Outcome>, changes = true) => {
    setBusy(true);
    try {
      const items = await selection();
      const outcome = await act(items);
      if (outcome.failures.length > 0) {
        notices.error(`${label}: ${outcome.done} of ${items.length} done. ${outcome.failures.join('; ')}`);
      } else {
        notices.info(`${label}: ${outcome.done} of ${items.length} done.`);
      }
      if (changes) {
        setSelected(new Map());
        setAllSelected(false);
        listing.reload();
      }
    } catch (error) {
      notices.error(error);
    } finally {
      setBusy(false);
      setPending(null);
    }
  };
  const progress = (label: string) => (done: number, total: number) => notices.info(`${label}: ${done} of ${total}…`);

  // Uploads go to the upload manager, which outlives this view: browsing on does not stop them.
  const upload = (items: UploadItem[], into = folder) => {
    if (items.length === 0) return;
    notices.info(`Uploading ${items.length.toLocaleString()} file${items.length === 1 ? '' : 's'}…`);
    void uploadManagerFor(api).add(into, items).then((uploads) => {
      const done = uploads.filter((u) => u.state === 'done').length;
      const failed = uploads.filter((u) => u.state === 'failed').length;
      if (failed > 0) notices.error(new Error(`${failed.toLocaleString()} of ${uploads.length.toLocaleString()} files failed to upload: see Uploads.`));
      else if (done > 0) notices.info(`Uploaded ${done.toLocaleString()} file${done === 1 ? '' : 's'}.`);
    });
  };

  const single = selected.size === 1 && !allSelected ? [...selected.values()][0] : null;
  const filterId = useId();

  return (
    <section class="folder" aria-label="Files">
      <Breadcrumbs api={api} project={project} folder={folder} />
      <div class="toolbar" role="toolbar" aria-label="File actions">
        <button type="button" onClick={() => setPending('new-folder')}>New folder</button>
        <label class="file-button">
          <span>Upload files</span>
          <input type="file" multiple aria-label="Upload files" disabled={busy}
                 onChange={(e) => { const input = e.currentTarget; upload(itemsOfPicked(input.files ?? [])); input.value = ''; }} />
        </label>
        <label class="file-button">
          <span>Upload a folder</span>
          <input type="file" multiple aria-label="Upload a folder" disabled={busy}
                 {...{ webkitdirectory: true }}
                 onChange={(e) => { const input = e.currentTarget; upload(itemsOfPicked(input.files ?? [])); input.value = ''; }} />
        </label>
        <ManifestActions api={api} folder={folder} folderName={project.name} onImported={listing.reload} />
        <span class="sep" />
        <button type="button" disabled={busy || selectedCount === 0}
                onClick={() => run('Download', (items) => downloadAll(api, items, progress('Download')), false)}>Download</button>
        <button type="button" disabled={busy || selectedCount === 0} onClick={() => setPending('copy')}>Copy</button>
        <button type="button" disabled={busy || selectedCount === 0} onClick={() => setPending('move')}>Move</button>
        <button type="button" disabled={busy || !single} onClick={() => setPending('rename')}>Rename</button>
        <button type="button" disabled={busy || selectedCount === 0}
                onClick={() => selection().then((items) => { setEditing(items.filter((f) => f.type !== 'folder')); setPending('edit'); },
                  (e) => notices.error(e))}>Edit selection</button>
        <button type="button" class="danger" disabled={busy || selectedCount === 0} onClick={() => setPending('delete')}>Delete</button>
        <a class="members-link" href={hrefOf({ view: 'members', project: project.id })}>Members</a>
      </div>
      <UploadPanel api={api} onFilesDone={listing.reload} />
      <form class="filters" role="search" aria-label="Filter files" onSubmit={(e) => { e.preventDefault(); setApplied(filters); }}>
        <label for={filterId}>Filter</label>
        <input id={filterId} type="search" value={filters.name} placeholder="name contains…" autocomplete="off"
               onInput={(e) => setFilters({ ...filters, name: e.currentTarget.value })} />
        <label for={`${filterId}-k`}>Metadata key</label>
        <input id={`${filterId}-k`} value={filters.metaKey} size={10}
               onInput={(e) => setFilters({ ...filters, metaKey: e.currentTarget.value })} />
        <label for={`${filterId}-v`}>Metadata value</label>
        <input id={`${filterId}-v`} value={filters.metaValue} size={10}
               onInput={(e) => setFilters({ ...filters, metaValue: e.currentTarget.value })} />
        <label for={`${filterId}-t`}>Tag filter</label>
        <input id={`${filterId}-t`} value={filters.tag} size={8}
               onInput={(e) => setFilters({ ...filters, tag: e.currentTarget.value })} />
        <label for={`${filterId}-o`}>Origin task</label>
        <input id={`${filterId}-o`} value={filters.task} size={10}
               onInput={(e) => setFilters({ ...filters, task: e.currentTarget.value })} />
      </form>
      <div class="summary">
        <span>{listing.total === null ? 'Loading…' : countOf(listing.total, Object.keys(query).length > 0)}</span>
        {selectedCount > 0 && <><span aria-hidden="true"> · </span><span>{selectedCount.toLocaleString()} selected</span></>}
        {listing.total !== null && listing.total > 0 && !allSelected && (
          <button type="button" class="link" onClick={() => { setAllSelected(true); setSelected(new Map()); }}>
            Select all {countOf(listing.total, Object.keys(query).length > 0)}
          </button>
        )}
        {selectedCount > 0 && (
          <button type="button" class="link" onClick={() => { setAllSelected(false); setSelected(new Map()); }}>Clear selection</button>
        )}
      </div>
      <FileTable listing={listing} project={project} folder={folder} sort={sort} onSort={setSort}
                 isSelected={(row) => allSelected || selected.has(row.id)} onToggle={toggle}
                 onDropFiles={(items, into) => items.then((i) => upload(i, into ?? folder), (e) => notices.error(e))} />
      {pending === 'new-folder' && (
        <NameDialog title="New folder" onClose={() => setPending(null)} onCreate={async (name) => {
          try {
            await api.send('POST', '/v2/files', { name, type: 'folder', parent: folder });
            notices.info(`Folder ${name} created.`);
            setPending(null);
            listing.reload();
          } catch (error) {
            notices.error(error);
          }
        }} />
      )}
      {pending === 'delete' && (
        <Dialog title={`Delete ${selectedCount.toLocaleString()} item${selectedCount === 1 ? '' : 's'}?`} onClose={() => setPending(null)}>
          <p>They go to the project's trash, from where they can be restored until it is emptied. Folders are
            deleted with everything in them.</p>
          <div class="actions">
            <button type="button" onClick={() => setPending(null)}>Cancel</button>
            <button type="button" class="danger" disabled={busy}
                    onClick={() => run('Delete', (items) => deleteAll(api, items, progress('Delete')))}>Delete</button>
          </div>
        </Dialog>
      )}
      {(pending === 'copy' || pending === 'move') && (
        <DestinationDialog api={api} project={project} verb={pending === 'copy' ? 'Copy' : 'Move'}
                           count={selectedCount} busy={busy}
                           onClose={() => setPending(null)}
                           onChoose={async (root, path) => {
                             const verb = pending === 'copy' ? 'Copy' : 'Move';
                             try {
                               const target = await resolveFolderPath(api, root, path);
                               await run(verb, (items) => (pending === 'copy' ? copyAll : moveAll)(api, items, target, progress(verb)));
                             } catch (error) {
                               notices.error(error);
                             }
                           }} />
      )}
      {pending === 'rename' && single && (
        <RenameDialog file={single} onClose={() => setPending(null)} onRename={async (name) => {
          try {
            await api.send('PATCH', `/v2/files/${encodeURIComponent(single.id)}`, { name });
            notices.info(`Renamed ${single.name} to ${name}.`);
            setPending(null);
            setSelected(new Map());
            listing.reload();
          } catch (error) {
            notices.error(error);
          }
        }} />
      )}
      {pending === 'edit' && (
        <BulkEditor api={api} files={editing} onClose={() => setPending(null)}
                    onSaved={() => { setPending(null); listing.reload(); }} />
      )}
      {file && (
        <DetailsPanel api={api} project={project} id={file} onChanged={listing.reload}
                      onClose={() => navigate({ view: 'folder', project: project.id, folder })}
                      linkOf={(id) => hrefOf({ view: 'folder', project: project.id, folder, file: id })} />
      )}
    </section>
  );
}

function FileTable({ listing, project, folder, sort, onSort, isSelected, onToggle, onDropFiles }: {
  listing: ReturnType<typeof usePagedListing>;
  project: SbProject;
  folder: string;
  sort: Sort;
  onSort: (sort: Sort) => void;
  isSelected: (row: SbFile) => boolean;
  onToggle: (index: number, row: SbFile, shift: boolean) => void;
  onDropFiles: (items: Promise<UploadItem[]>, into?: string) => void;
}) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(480);
  const [dropping, setDropping] = useState(false);
  const total = listing.total ?? 0;
  const rows = visibleRows(scrollTop, height, ROW_HEIGHT, total, OVERSCAN);

  useEffect(() => {
    const element = viewport.current!;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    viewport.current!.scrollTop = 0;
    setScrollTop(0);
  }, [folder, sort]);
  useEffect(() => { listing.need(pagesOf(rows, PAGE_SIZE)); });

  const dropTarget = (into?: string) => ({
    onDragOver: (e: DragEvent) => { if (e.dataTransfer?.types.includes('Files')) { e.preventDefault(); setDropping(true); } },
    onDragLeave: () => setDropping(false),
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      e.stopPropagation();
      setDropping(false);
      if (e.dataTransfer) onDropFiles(itemsOfDrop(e.dataTransfer), into);
    },
  });

  const body = [];
  for (let index = rows.first; index < rows.end; index++) {
    const row = listing.rowAt(index);
    const style = { transform: `translateY(${index * ROW_HEIGHT}px)` };
    if (!row) {
      body.push(<div role="row" class="row loading" aria-rowindex={index + 2} style={style} key={`l${index}`}>
        <span role="cell" class="cell">Loading…</span>
      </div>);
      continue;
    }
    const href = row.type === 'folder'
      ? hrefOf({ view: 'folder', project: project.id, folder: row.id })
      : hrefOf({ view: 'folder', project: project.id, folder, file: row.id });
    body.push(
      <div role="row" class={isSelected(row) ? 'row selected' : 'row'} aria-rowindex={index + 2} style={style} key={row.id}
           {...(row.type === 'folder' ? dropTarget(row.id) : {})}>
        <span role="cell" class="cell check">
          <input type="checkbox" aria-label={`Select ${row.name}`} checked={isSelected(row)}
                 onClick={(e) => onToggle(index, row, e.shiftKey)} />
        </span>
        <span role="cell" class="cell name">
          <span aria-hidden="true" class={row.type === 'folder' ? 'icon folder' : 'icon file'} />
          <a href={href}>{row.name}</a>
          {(row._secondary_files ?? []).map((index) => (
            <span class="index-badge" key={index.id}>
              {' '}<span class="sr-only">index file </span>
              <a href={hrefOf({ view: 'folder', project: project.id, folder, file: index.id })}
                 aria-label={`${index.name} (index of ${row.name})`}>
                {index.name.startsWith(row.name) ? index.name.slice(row.name.length) : index.name}
              </a>
            </span>
          ))}
        </span>
        <span role="cell" class="cell size">{row.type === 'folder' ? '' : formatSize(row.size)}</span>
        <span role="cell" class="cell date">{formatDate(row.modified_on)}</span>
      </div>,
    );
  }

  return (
    <div role="table" aria-label="Folder contents" aria-rowcount={listing.total === null ? -1 : total + 1} class={dropping ? 'table dropping' : 'table'}
         {...dropTarget()}>
      <div role="rowgroup" class="thead">
        <div role="row" aria-rowindex={1} class="row head">
          <span role="columnheader" class="cell check"><span class="sr-only">Selected</span></span>
          <SortHeader label="Name" by="name" className="cell name" sort={sort} onSort={onSort} />
          <SortHeader label="Size" by="size" className="cell size" sort={sort} onSort={onSort} />
          <SortHeader label="Modified" by="modified_on" className="cell date" sort={sort} onSort={onSort} />
        </div>
      </div>
      <div ref={viewport} class="viewport" onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div role="rowgroup" class="rows" style={{ height: `${total * ROW_HEIGHT}px` }}>
          {body}
        </div>
        {listing.total === 0 && <p class="empty">Nothing here. Drop files here, or use Upload files.</p>}
      </div>
    </div>
  );
}

/**
 * Where a copy or move goes: a project the user is a member of (this one unless another is chosen;
 * the server checks the permission on each) and a folder of it by its path from the top.
 */
/**
 * A column header whose button sorts the listing by it (ascending first, then the other way);
 * `aria-sort` tells assistive technology which column the rows are sorted by.
 */
function SortHeader({ label, by, className, sort, onSort }: {
  label: string;
  by: Sort['by'];
  className: string;
  sort: Sort;
  onSort: (sort: Sort) => void;
}) {
  const active = sort.by === by;
  return (
    <span role="columnheader" class={className} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}>
      <button type="button" class="sort" onClick={() => onSort({ by, descending: active ? !sort.descending : false })}>
        {label}
        <span aria-hidden="true" class="sort-mark">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
      </button>
    </span>
  );
}

function DestinationDialog({ api, project, verb, count, busy, onClose, onChoose }: {
  api: Api;
  project: SbProject;
  verb: string;
  count: number;
  busy: boolean;
  onClose: () => void;
  onChoose: (projectRoot: string, path: string) => void;
}) {
  const notices = useNotices();
  const projectId = useId();
  const pathId = useId();
  const [projects, setProjects] = useState<SbProject[]>([project]);
  const [chosen, setChosen] = useState(project.id);
  useEffect(() => {
    allProjects(api).then(
      (all) => setProjects(all.some((p) => p.id === project.id) ? all : [project, ...all]),
      (e) => notices.error(e));
  }, [api, project, notices]);
  const target = projects.find((p) => p.id === chosen) ?? project;
  return (
    <Dialog title={`${verb} ${count.toLocaleString()} item${count === 1 ? '' : 's'}`} onClose={onClose}>
      <form class="stack" onSubmit={(e) => {
        e.preventDefault();
        onChoose(target.root_folder, (e.currentTarget.elements.namedItem('path') as HTMLInputElement).value);
      }}>
        <label for={projectId}>Destination project</label>
        <select id={projectId} value={chosen} onChange={(e) => setChosen(e.currentTarget.value)}>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>{p.id === project.id ? `${p.name} (this project)` : p.name}</option>
          ))}
        </select>
        <label for={pathId}>Destination folder</label>
        <input id={pathId} name="path" placeholder="raw/2024 (empty for the project's top)" autoFocus autocomplete="off" />
        <p class="muted">A folder of {target.name}, by its path from the top.</p>
        <div class="actions"><button type="submit" disabled={busy}>{verb}</button></div>
      </form>
    </Dialog>
  );
}

function RenameDialog({ file, onClose, onRename }: { file: SbFile; onClose: () => void; onRename: (name: string) => void }) {
  const id = useId();
  return (
    <Dialog title={`Rename ${file.name}`} onClose={onClose}>
      <form class="stack" onSubmit={(e) => {
        e.preventDefault();
        onRename((e.currentTarget.elements.namedItem('name') as HTMLInputElement).value.trim());
      }}>
        <label for={id}>Name</label>
        <input id={id} name="name" defaultValue={file.name} required autoFocus autocomplete="off" />
        <div class="actions"><button type="submit">Rename</button></div>
      </form>
    </Dialog>
  );
}
