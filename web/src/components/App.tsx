import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { Api, exchangeSignInCode } from '../api/client';
import { forgetToken, storeToken, storedToken } from '../api/session';
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

  // A one-time link from `seqvault web`: exchange the code, then drop it from the address and history.
  useEffect(() => {
    if (route.view !== 'signin') return;
    const code = route.code;
    navigate({ view: 'projects' }, true);
    exchangeSignInCode(code).then(signIn).catch((error) => notices.error(error));
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
