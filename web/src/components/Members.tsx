import { useCallback, useEffect, useId, useState } from 'preact/hooks';
import type { Api, Permissions, SbMember, SbProject } from '../api/client';
import { hrefOf } from '../route';
import { useNotices } from './notices';

const PERMISSIONS: (keyof Permissions)[] = ['read', 'write', 'copy', 'execute', 'admin'];

/** A project's members and their permissions; changing them is for the project's admins (the server decides). */
export function Members({ api, project, me }: { api: Api; project: string; me: string | null }) {
  const notices = useNotices();
  const [info, setInfo] = useState<SbProject | null>(null);
  const [members, setMembers] = useState<SbMember[] | null>(null);
  const [owner, slug] = project.split('/');
  const base = `/v2/projects/${encodeURIComponent(owner)}/${encodeURIComponent(slug)}`;

  const load = useCallback(async () => {
    setInfo(await api.get<SbProject>(base));
    const all: SbMember[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await api.list<SbMember>(`${base}/members`, { offset, limit: 100 });
      all.push(...page.items);
      if (page.items.length < 100) break;
    }
    setMembers(all);
  }, [api, base]);
  useEffect(() => { load().catch((e) => notices.error(e)); }, [load, notices]);

  const amAdmin = members?.some((m) => m.username === me && m.permissions.admin) ?? false;

  const update = async (member: SbMember, permission: keyof Permissions, value: boolean) => {
    try {
      await api.send('PATCH', `${base}/members/${encodeURIComponent(member.username)}`,
        { permissions: { ...member.permissions, [permission]: value } });
      notices.info(`${member.username}: ${permission} ${value ? 'granted' : 'removed'}.`);
      await load();
    } catch (error) {
      notices.error(error);
    }
  };
  const remove = async (member: SbMember) => {
    try {
      await api.send('DELETE', `${base}/members/${encodeURIComponent(member.username)}`, {});
      notices.info(`${member.username} removed from the project.`);
      await load();
    } catch (error) {
      notices.error(error);
    }
  };
  const add = async (username: string, permissions: Permissions) => {
    try {
      await api.send('POST', `${base}/members`, { username, permissions });
      notices.info(`${username} added.`);
      await load();
    } catch (error) {
      notices.error(error);
    }
  };

  return (
    <section aria-labelledby="members-title">
      <nav aria-label="Breadcrumb" class="breadcrumbs">
        <ol>
          <li><a href="#/">Projects</a></li>
          <li><a href={hrefOf({ view: 'folder', project })}>{info?.name ?? project}</a></li>
          <li><a href={hrefOf({ view: 'members', project })} aria-current="page">Members</a></li>
        </ol>
      </nav>
      <h1 id="members-title">Members of {info?.name ?? project}</h1>
      {members === null ? <p>Loading members…</p> : (
        <table class="members">
          <thead>
            <tr><th scope="col">User</th>{PERMISSIONS.map((p) => <th scope="col" key={p}>{p}</th>)}<th scope="col"><span class="sr-only">Actions</span></th></tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.username}>
                <th scope="row">{m.username}</th>
                {PERMISSIONS.map((p) => (
                  <td key={p}>
                    <input type="checkbox" aria-label={`${m.username} may ${p}`} checked={m.permissions[p]}
                           disabled={!amAdmin} onChange={(e) => update(m, p, e.currentTarget.checked)} />
                  </td>
                ))}
                <td>{amAdmin && <button type="button" class="small" onClick={() => remove(m)}>Remove {m.username}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {amAdmin ? <AddMember onAdd={add} /> : <p class="muted">Only the project's admins can change its members.</p>}
    </section>
  );
}

function AddMember({ onAdd }: { onAdd: (username: string, permissions: Permissions) => void }) {
  const id = useId();
  return (
    <form class="inline-form" aria-label="Add member" onSubmit={(e) => {
      e.preventDefault();
      const form = e.currentTarget;
      const checked = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).checked;
      const username = (form.elements.namedItem('username') as HTMLInputElement).value.trim();
      onAdd(username, { read: true, write: checked('write'), copy: checked('copy'), execute: checked('execute'), admin: checked('admin') });
      form.reset();
    }}>
      <label for={id}>Username</label>
      <input id={id} name="username" required autocomplete="off" />
      {(['write', 'copy', 'execute', 'admin'] as const).map((p) => (
        <label key={p} class="check-label"><input type="checkbox" name={p} /> {p}</label>
      ))}
      <button type="submit">Add member</button>
    </form>
  );
}
