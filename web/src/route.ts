// Hash routes: every project, folder and file has a URL that survives a reload, and back/forward
// walk them, without the server having to answer for any path but / (no API path is shadowed).
import { useEffect, useMemo, useState } from 'preact/hooks';

export type Route =
  | { view: 'projects' }
  | { view: 'signin'; tokenId: string; secret: string }
  | { view: 'members'; project: string }
  | { view: 'folder'; project: string; folder?: string; file?: string };

function decode(part: string | undefined): string | undefined {
  return part === undefined ? undefined : decodeURIComponent(part);
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((p) => p.length > 0);
  if (parts[0] === 'signin' && parts[1] && parts[2]) return { view: 'signin', tokenId: decode(parts[1])!, secret: decode(parts[2])! };
  if (parts[0] === 'p' && parts.length >= 3) {
    const project = `${decode(parts[1])}/${decode(parts[2])}`;
    if (parts[3] === 'members') return { view: 'members', project };
    const folder = parts[3] === 'f' ? decode(parts[4]) : undefined;
    const file = parts[5] === 'file' ? decode(parts[6]) : undefined;
    return { view: 'folder', project, folder, file };
  }
  return { view: 'projects' };
}

function projectPath(project: string): string {
  const [owner, slug] = project.split('/');
  return `#/p/${encodeURIComponent(owner)}/${encodeURIComponent(slug)}`;
}

export function hrefOf(route: Route): string {
  switch (route.view) {
    case 'projects':
      return '#/';
    case 'signin':
      return `#/signin/${encodeURIComponent(route.tokenId)}/${encodeURIComponent(route.secret)}`;
    case 'members':
      return `${projectPath(route.project)}/members`;
    case 'folder': {
      let href = projectPath(route.project);
      if (route.folder) href += `/f/${encodeURIComponent(route.folder)}`;
      if (route.folder && route.file) href += `/file/${encodeURIComponent(route.file)}`;
      return href;
    }
  }
}

export function useRoute(): Route {
  const [hash, setHash] = useState(() => location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    addEventListener('hashchange', onChange);
    // The hash can change between the first render and this effect (a link followed as the page
    // loads); its hashchange event had no listener yet, so read the hash again now.
    onChange();
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return useMemo(() => parseRoute(hash), [hash]);
}

export function navigate(route: Route, replace = false): void {
  const href = hrefOf(route);
  if (replace) {
    history.replaceState(null, '', href);
    dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = href.slice(1);
  }
}
