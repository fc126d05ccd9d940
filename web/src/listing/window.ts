// Which rows of a long listing to render and which server pages they need: only the rows in
// view (plus a few around them) are in the DOM, whatever the folder's size.

export interface RowWindow {
  first: number;
  /** Exclusive. */
  end: number;
}

export function visibleRows(scrollTop: number, viewportHeight: number, rowHeight: number, total: number,
                            overscan: number): RowWindow {
  if (total <= 0 || rowHeight <= 0) return { first: 0, end: 0 };
  const top = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const bottom = Math.ceil((scrollTop + Math.max(0, viewportHeight)) / rowHeight) + overscan;
  const first = Math.min(top, total - 1);
  return { first, end: Math.min(total, Math.max(bottom, first + 1)) };
}

/** The page numbers (offset = page * pageSize) that hold the rows of a window. */
export function pagesOf(window: RowWindow, pageSize: number): number[] {
  if (window.end <= window.first) return [];
  const pages: number[] = [];
  for (let page = Math.floor(window.first / pageSize); page * pageSize < window.end; page++) pages.push(page);
  return pages;
}

/** Rows from..to inclusive, whichever order they were clicked in (Shift-click range selection). */
export function rowRange(anchor: number, target: number): number[] {
  const [from, to] = anchor <= target ? [anchor, target] : [target, anchor];
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
