// A folder listing read from the server a page at a time, only the pages the visible rows need;
// a change of query starts over. Pages already read are kept for this query.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Api, SbFile } from '../api/client';

export const PAGE_SIZE = 100;

export interface PagedListing {
  total: number | null;
  rowAt(index: number): SbFile | undefined;
  need(pages: number[]): void;
  reload(): void;
  error: unknown;
}

export function usePagedListing(api: Api, path: string | null, query: Record<string, string>): PagedListing {
  const key = path === null ? null : `${path}?${new URLSearchParams(query).toString()}`;
  const pages = useRef(new Map<number, SbFile[]>());
  const loading = useRef(new Set<number>());
  const generation = useRef(0);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [, setVersion] = useState(0);
  const [reloads, setReloads] = useState(0);

  const load = useCallback((page: number) => {
    if (key === null || path === null || pages.current.has(page) || loading.current.has(page)) return;
    const mine = generation.current;
    loading.current.add(page);
    api.list<SbFile>(path, { ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then((answer) => {
      if (mine !== generation.current) return;
      pages.current.set(page, answer.items);
      setTotal(answer.total);
      setVersion((v) => v + 1);
    }, (e) => {
      if (mine === generation.current) setError(e);
    }).finally(() => loading.current.delete(page));
    // query is part of key; key changes start a new generation below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);

  useEffect(() => {
    generation.current++;
    pages.current = new Map();
    loading.current = new Set();
    setTotal(null);
    setError(null);
    setVersion((v) => v + 1);
    load(0);
  }, [load, reloads]);

  return {
    total,
    error,
    rowAt: (index) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    need: (wanted) => wanted.forEach(load),
    reload: () => setReloads((n) => n + 1),
  };
}
