// A windowed list: only the rows in view, and a few either side, are in the DOM, inside a scroll
// box as tall as all the rows would be. Each row says where it stands (aria-posinset of
// aria-setsize), so assistive technology still hears "3 of 1,000". One row may be open (an
// editor in place): its height is measured and the rows below it move down.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/** Rows rendered beyond each edge of the box: Tab and Shift+Tab always find the next row mounted. */
export const OVERSCAN = 3;
/** The box's height when its CSS gives none (and in environments without layout). */
const FALLBACK_VIEWPORT = 440;
/** Space between two rows, part of each row's pitch. */
const GAP = 8;

export interface VirtualListProps<T> {
  items: readonly T[];
  itemKey(item: T): string;
  /** One row's pitch in pixels, the gap below it included; every row but the open one has it. */
  rowHeight: number;
  /** The row whose height is measured rather than assumed; it stays mounted while open. */
  openKey?: string | undefined;
  renderRow(item: T): ComponentChildren;
  /** Names the list (the id of its heading). */
  labelledBy: string;
  class?: string;
}

/** Where rows start and which index a given height falls on, with one row of another pitch. */
export function layout(count: number, rowHeight: number, open: number, openHeight: number) {
  const extra = open >= 0 ? openHeight - rowHeight : 0;
  return {
    total: Math.max(0, count * rowHeight + extra - GAP),
    offset: (index: number) => index * rowHeight + (open >= 0 && index > open ? extra : 0),
    indexAt(y: number): number {
      const before = open >= 0 ? open * rowHeight : Number.POSITIVE_INFINITY;
      if (y < before) return Math.floor(Math.max(0, y) / rowHeight);
      if (y < before + openHeight) return open;
      return open + 1 + Math.floor((y - before - openHeight) / rowHeight);
    },
  };
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, itemKey, rowHeight, openKey, renderRow } = props;
  const box = useRef<HTMLDivElement>(null);
  const openRow = useRef<HTMLLIElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT);
  const [openHeight, setOpenHeight] = useState(rowHeight);
  // The row holding the focus stays mounted even when scrolled away, so focus is never lost.
  const [focusedKey, setFocusedKey] = useState<string | undefined>(undefined);

  const open = openKey === undefined ? -1 : items.findIndex((item) => itemKey(item) === openKey);
  const rows = layout(items.length, rowHeight, open, openHeight);
  const last = items.length - 1;
  // A filter may shrink the list below where the box was scrolled: the browser clamps the box
  // and tells with a scroll event a frame later; clamping here avoids one empty frame.
  const top = Math.min(scrollTop, Math.max(0, rows.total - viewport));
  const first = Math.max(0, rows.indexAt(top) - OVERSCAN);
  const end = Math.min(last, rows.indexAt(top + viewport) + OVERSCAN);
  const shown = new Set<number>();
  for (let index = first; index <= end; index++) shown.add(index);
  if (open >= 0) shown.add(open);
  const focused = focusedKey === undefined ? -1 : items.findIndex((item) => itemKey(item) === focusedKey);
  if (focused >= 0) shown.add(focused);

  // The view to fill is the box's full height, its CSS max-height: a short list makes the box
  // shorter, but once a filter is cleared the rows fill it again. Read once, before paint.
  useLayoutEffect(() => {
    const limit = box.current ? Number.parseFloat(getComputedStyle(box.current).maxHeight) : Number.NaN;
    if (limit > 0) setViewport(limit);
  }, []);

  // The open row is measured before paint, and again as it grows (an editor showing a warning).
  useLayoutEffect(() => {
    const row = openRow.current;
    if (!row) return;
    const measure = () => setOpenHeight(row.offsetHeight > 0 ? row.offsetHeight + GAP : rowHeight);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(row);
    return () => observer.disconnect();
  }, [openKey, rowHeight]);

  return (
    <div
      class={`virtual-list${props.class ? ` ${props.class}` : ''}`}
      ref={box}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onFocusIn={(event) => {
        const row = (event.target as HTMLElement).closest<HTMLElement>('[data-key]');
        setFocusedKey(row?.dataset.key);
        // Reached by keyboard, the whole row comes into view, not only its button. Not on a click
        // (the row would move between press and release), nor for an open editor, which may be
        // taller than the box and scrolls only as far as the focused field needs.
        const byKeyboard = (event.target as HTMLElement).matches(':focus-visible');
        if (row && byKeyboard && !row.classList.contains('open')) row.scrollIntoView({ block: 'nearest' });
        // Focusing scrolled the row into view already; the scroll event only comes with the next
        // frame, and a quick second Tab must find the row after this one mounted by then.
        if (box.current) setScrollTop(box.current.scrollTop);
      }}
      onFocusOut={(event) => {
        // No next target: the focused element was removed (an editor closing) or the window lost
        // the focus; the row stays pinned so focus can come back to it.
        const next = event.relatedTarget as Node | null;
        if (next && !box.current?.contains(next)) setFocusedKey(undefined);
      }}
    >
      <ul aria-labelledby={props.labelledBy} style={{ height: `${rows.total}px` }}>
        {[...shown]
          .sort((a, b) => a - b)
          .map((index) => {
            const item = items[index] as T;
            const key = itemKey(item);
            const isOpen = index === open;
            return (
              <li
                key={key}
                data-key={key}
                ref={isOpen ? openRow : undefined}
                aria-setsize={items.length}
                aria-posinset={index + 1}
                class={isOpen ? 'open' : undefined}
                style={{
                  top: `${rows.offset(index)}px`,
                  ...(isOpen ? {} : { height: `${rowHeight - GAP}px` }),
                }}
              >
                {renderRow(item)}
              </li>
            );
          })}
      </ul>
    </div>
  );
}
