import { useEffect, useState } from 'preact/hooks';
import type { Api, SbFile, SbProject } from '../api/client';
import { hrefOf } from '../route';
import { useNotices } from './notices';

/** Projects › project › folder › …: the folder's ancestors, read up from the folder by `parent`. */
export function Breadcrumbs({ api, project, folder }: { api: Api; project: SbProject; folder: string }) {
  const notices = useNotices();
  const [trail, setTrail] = useState<SbFile[]>([]);
  useEffect(() => {
    let live = true;
    (async () => {
      const chain: SbFile[] = [];
      let id: string | null = folder;
      while (id && id !== project.root_folder && chain.length < 256) {
        const node: SbFile = await api.file(id);
        chain.unshift(node);
        id = node.parent;
      }
      if (live) setTrail(chain);
    })().catch((e) => notices.error(e));
    return () => { live = false; };
  }, [api, project, folder, notices]);
  const last = trail.length - 1;
  return (
    <nav aria-label="Breadcrumb" class="breadcrumbs">
      <ol>
        <li><a href="#/">Projects</a></li>
        <li>
          <a href={hrefOf({ view: 'folder', project: project.id })}
             aria-current={trail.length === 0 ? 'page' : undefined}>{project.name}</a>
        </li>
        {trail.map((node, i) => (
          <li key={node.id}>
            <a href={hrefOf({ view: 'folder', project: project.id, folder: node.id })}
               aria-current={i === last ? 'page' : undefined}>{node.name}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
