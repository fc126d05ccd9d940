// One place for what the page tells the person: progress in a status region, failures in an
// alert region, in words (the server's own message when it gave one).
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useMemo, useState } from 'preact/hooks';

export interface Notices {
  info(message: string): void;
  error(error: unknown): void;
  clear(): void;
}

const NoticeContext = createContext<Notices>({ info() {}, error() {}, clear() {} });

export function useNotices(): Notices {
  return useContext(NoticeContext);
}

export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Try again.';
}

export function NoticeProvider({ children }: { children: ComponentChildren }) {
  const [status, setStatus] = useState('');
  const [alert, setAlert] = useState('');
  const notices = useMemo<Notices>(() => ({
    info(message) { setAlert(''); setStatus(message); },
    error(error) { setStatus(''); setAlert(messageOf(error)); },
    clear() { setStatus(''); setAlert(''); },
  }), []);
  return (
    <NoticeContext.Provider value={notices}>
      <div class="notices">
        <div role="status" aria-live="polite" class="notice-status">{status}</div>
        <div role="alert" class="notice-alert">{alert}</div>
      </div>
      {children}
    </NoticeContext.Provider>
  );
}
