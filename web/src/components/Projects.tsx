import { useCallback, useEffect, useState } from 'preact/hooks';
import { allProjects, type Api, type SbProject } from '../api/client';
import { hrefOf, navigate } from '../route';
import { NameDialog } from './Dialog';
import { useNotices } from './notices';

/** The projects the user is a member of; `New project` creates one (the name's slug is its id). */
export function Projects({ api }: { api: Api }) {
  const notices = useNotices();
  const [projects, setProjects] = useState<SbProject[] | null>(null);
  const [creating, setCreating] = useState(false);

  const load = useCallback(async () => setProjects(await allProjects(api)), [api]);

  useEffect(() => { load().catch((e) => notices.error(e)); }, [load, notices]);

  const create = async (name: string) => {
    try {
      const project = await api.send<SbProject>('POST', '/v2/projects', { name });
      setCreating(false);
      notices.info(`Project ${project.name} created.`);
      navigate({ view: 'folder', project: project.id });
    } catch (error) {
      notices.error(error);
    }
  };

  return (
    <section aria-labelledby="projects-title">
      <div class="titlebar">
        <h1 id="projects-title">Projects</h1>
        <button type="button" onClick={() => setCreating(true)}>New project</button>
      </div>
      {projects === null ? <p>Loading projects…</p> : projects.length === 0 ? (
        <p>No projects yet. Create one with New project.</p>
      ) : (
        <ul class="project-list">
          {projects.map((p) => (
            <li key={p.id}>
              <a href={hrefOf({ view: 'folder', project: p.id })}>{p.name}</a>
              <span class="muted"> {p.id}</span>
              {' · '}<a href={hrefOf({ view: 'members', project: p.id })} aria-label={`Members of ${p.name}`}>members</a>
            </li>
          ))}
        </ul>
      )}
      {creating && <NameDialog title="New project" onClose={() => setCreating(false)} onCreate={create} />}
    </section>
  );
}
