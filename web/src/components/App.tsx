import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { Api, tradeSignInLink } from '../api/client';
import { forgetToken, sessionTokenId, storeSessionTokenId, storeToken, storedToken } from '../api/session';
import { navigate, useRoute } from '../route';
import { FolderView } from './FolderView';
import { Members } from './Members';
import { NoticeProvider, useNotices } from './notices';
import { Projects } from './Projects';
import { SignIn } from './SignIn';

export function App() {
  return (
    <NoticeProvider>
      <Shell />
    </NoticeProvider>
  );
}

function Shell() {
  const route = useRoute();
  const notices = useNotices();
  const [token, setToken] = useState(storedToken);
  const [username, setUsername] = useState<string | null>(null);

  const signOut = useCallback(() => {
    // A session token the page made from a sign-in link is revoked; a pasted token is the user's own to keep.
    const made = sessionTokenId();
    const current = storedToken();
    if (made && current) new Api(current).send('DELETE', `/v1/tokens/${encodeURIComponent(made)}`, {}).catch(() => {});
    forgetToken();
    setToken(null);
    setUsername(null);
  }, []);
  const api = useMemo(() => (token ? new Api(token, signOut) : null), [token, signOut]);

  const signIn = useCallback(async (candidate: string) => {
    const me = await new Api(candidate).me();
    storeToken(candidate);
    setToken(candidate);
    setUsername(me.username);
    notices.clear();
  }, [notices]);

  // A one-time link from `seqvault web`: drop it from the address and history at once, then trade it.
  useEffect(() => {
    if (route.view !== 'signin') return;
    const { tokenId, secret } = route;
    navigate({ view: 'projects' }, true);
    tradeSignInLink(tokenId, secret)
      .then(async (session) => {
        await signIn(session.token);
        storeSessionTokenId(session.id);
      })
      .catch((error) => notices.error(error));
  }, [route, signIn, notices]);

  useEffect(() => {
    if (api && !username) api.me().then((me) => setUsername(me.username)).catch((e) => notices.error(e));
  }, [api, username, notices]);

  if (!api) return <main class="page"><SignIn onSignIn={signIn} /></main>;
  return (
    <>
      <header class="topbar">
        <a class="brand" href="#/">SeqVault</a>
        <span class="who">{username ? `Signed in as ${username}` : ''}</span>
        <button type="button" onClick={signOut}>Sign out</button>
      </header>
      <main class="page">
        {route.view === 'folder' && <FolderView api={api} route={route} />}
        {route.view === 'members' && <Members api={api} project={route.project} me={username} />}
        {(route.view === 'projects' || route.view === 'signin') && <Projects api={api} />}
      </main>
    </>
  );
}
