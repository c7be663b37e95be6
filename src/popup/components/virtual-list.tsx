// A windowed list: only the rows in view, and a few either side, are in the DOM, inside a scroll
// box as tall as all the rows would be. Each row says where it stands (aria-posinset of
// aria-setsize), so assistive technology still hears "3 of 1,000". Every row has the same
// height, so the rows are placed unmeasured.
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
  /** One row's pitch in pixels, the gap below it included. */
  rowHeight: number;
  /**
   * Where the box is scrolled to, kept by the owner: a list shown again (back from an item's
   * page) opens where it was left.
   */
  scroll?: { current: number };
  renderRow(item: T): ComponentChildren;
  /** Names the list (the id of its heading). */
  labelledBy: string;
  class?: string;
}

/** Where rows start, how tall they are together, and which index a given height falls on. */
export function layout(count: number, rowHeight: number) {
  return {
    total: Math.max(0, count * rowHeight - GAP),
    offset: (index: number) => index * rowHeight,
    indexAt: (y: number) => Math.floor(Math.max(0, y) / rowHeight),
  };
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, itemKey, rowHeight, renderRow, scroll } = props;
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(scroll?.current ?? 0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT);
  // The row holding the focus stays mounted even when scrolled away, so focus is never lost.
  const [focusedKey, setFocusedKey] = useState<string | undefined>(undefined);

  const rows = layout(items.length, rowHeight);
  const last = items.length - 1;
  // A filter may shrink the list below where the box was scrolled: the browser clamps the box
  // and tells with a scroll event a frame later; clamping here avoids one empty frame.
  const top = Math.min(scrollTop, Math.max(0, rows.total - viewport));
  const first = Math.max(0, rows.indexAt(top) - OVERSCAN);
  const end = Math.min(last, rows.indexAt(top + viewport) + OVERSCAN);
  const shown = new Set<number>();
  for (let index = first; index <= end; index++) shown.add(index);
  const focused = focusedKey === undefined ? -1 : items.findIndex((item) => itemKey(item) === focusedKey);
  if (focused >= 0) shown.add(focused);

  // The view to fill is the box's full height, its CSS max-height: a short list makes the box
  // shorter, but once a filter is cleared the rows fill it again. Read once, before paint.
  // The kept scroll position is restored then too.
  useLayoutEffect(() => {
    const limit = box.current ? Number.parseFloat(getComputedStyle(box.current).maxHeight) : Number.NaN;
    if (limit > 0) setViewport(limit);
    if (box.current && scroll) box.current.scrollTop = scroll.current;
  }, []);

  return (
    <div
      class={`virtual-list${props.class ? ` ${props.class}` : ''}`}
      ref={box}
      onScroll={(event) => {
        setScrollTop(event.currentTarget.scrollTop);
        if (scroll) scroll.current = event.currentTarget.scrollTop;
      }}
      onFocusIn={(event) => {
        const row = (event.target as HTMLElement).closest<HTMLElement>('[data-key]');
        setFocusedKey(row?.dataset.key);
        // Reached by keyboard, the whole row comes into view, not only its link. Not on a click:
        // the row would move between press and release.
        const byKeyboard = (event.target as HTMLElement).matches(':focus-visible');
        if (row && byKeyboard) row.scrollIntoView({ block: 'nearest' });
        // Focusing scrolled the row into view already; the scroll event only comes with the next
        // frame, and a quick second Tab must find the row after this one mounted by then.
        if (box.current) setScrollTop(box.current.scrollTop);
      }}
      onFocusOut={(event) => {
        // No next target: the window lost the focus; the row stays pinned so focus can come back.
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
            return (
              <li
                key={key}
                data-key={key}
                aria-setsize={items.length}
                aria-posinset={index + 1}
                style={{ top: `${rows.offset(index)}px`, height: `${rowHeight - GAP}px` }}
              >
                {renderRow(item)}
              </li>
            );
          })}
      </ul>
    </div>
  );
}
