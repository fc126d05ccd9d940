import { useId, useState } from 'preact/hooks';
import { useNotices } from './notices';

export function SignIn({ onSignIn }: { onSignIn: (token: string) => Promise<void> }) {
  const tokenId = useId();
  const notices = useNotices();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('token') as HTMLInputElement;
    setBusy(true);
    try {
      await onSignIn(input.value.trim());
      input.value = '';
    } catch (error) {
      notices.error(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="signin" aria-labelledby={`${tokenId}-title`}>
      <h1 id={`${tokenId}-title`}>Sign in to SeqVault</h1>
      <p>Paste an API token (from <code>seqvault token create</code> or your administrator), or run
        {' '}<code>seqvault web</code> to open this page signed in.</p>
      <form onSubmit={submit} class="stack">
        <label for={tokenId}>Token</label>
        <input id={tokenId} name="token" type="password" required autocomplete="off" spellcheck={false} />
        <div class="actions"><button type="submit" disabled={busy}>Sign in</button></div>
      </form>
    </section>
  );
}
