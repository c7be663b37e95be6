// A list whose items are edited in place: one item at a time turns into its form, which gives
// the row back when it is done (saved or cancelled). With `followFocus`, focus goes into the
// form's first field when it opens and back to the item's Edit button (marked data-edit with the
// item's key) when it closes, so a keyboard user stays where they were.
import { useSignal } from '@preact/signals';
import { Fragment, type VNode } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface EditableListProps<T> {
  items: readonly T[];
  itemKey(item: T): string;
  /** The item as a row; `edit` opens its form. The row is a <li>. */
  row(item: T, edit: () => void): VNode;
  /** The item's form; `done` closes it. Placed in a <li> of its own. */
  editor(item: T, done: () => void): VNode;
  class?: string;
  followFocus?: boolean;
}

const FIRST_FIELD = 'form select, form input';

export function EditableList<T>({
  items,
  itemKey,
  row,
  editor,
  class: className,
  followFocus,
}: EditableListProps<T>) {
  const editing = useSignal<string | undefined>(undefined);
  const list = useRef<HTMLUListElement>(null);
  const last = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (!followFocus) return;
    if (editing.value !== undefined) {
      list.current?.querySelector<HTMLElement>(FIRST_FIELD)?.focus();
    } else if (last.current !== undefined) {
      list.current?.querySelector<HTMLElement>(`[data-edit="${last.current}"]`)?.focus();
    }
    last.current = editing.value;
  }, [editing.value]);

  const close = () => {
    editing.value = undefined;
  };
  return (
    <ul class={className} ref={list}>
      {items.map((item) => {
        const key = itemKey(item);
        if (editing.value === key) return <li key={key}>{editor(item, close)}</li>;
        const open = () => {
          editing.value = key;
        };
        return <Fragment key={key}>{row(item, open)}</Fragment>;
      })}
    </ul>
  );
}
