// Deleting a record from its page: a Delete button, then a box saying what deleting does with
// the one button that does it, so a single stray click never deletes. The worker's refusal
// (an app still in use) shows under it.
import { useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useAction } from '../hooks/use-action';
import type { Outcome } from '../state';
import { FormError } from './error-message';

export interface DeleteItemProps {
  /** The first button's text: "Delete credential". */
  label: string;
  /** What deleting does, shown before the confirming click. */
  warning: ComponentChildren;
  remove(): Promise<Outcome<void>>;
  onDeleted(): void;
}

export function DeleteItem({ label, warning, remove, onDeleted }: DeleteItemProps) {
  const act = useAction();
  const confirming = useSignal(false);
  const confirm = useRef<HTMLButtonElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);

  // The focus goes to the button that answers, and back to Delete when kept.
  useEffect(() => {
    if (confirming.value) confirm.current?.focus();
    else if (asked.current) start.current?.focus();
    asked.current = confirming.value;
  }, [confirming.value]);

  const run = async () => {
    const removed = await act.run(remove);
    confirming.value = false;
    if (removed.ok) onDeleted();
  };

  return (
    <div class="delete-item">
      {confirming.value ? (
        <div class="confirm-box" role="alert">
          <p>{warning}</p>
          <div class="actions">
            <button
              ref={confirm}
              type="button"
              class="danger"
              disabled={act.pending.value}
              onClick={() => void run()}
            >
              Delete for good
            </button>
            <button type="button" class="secondary" onClick={() => (confirming.value = false)}>
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <button ref={start} type="button" class="danger" onClick={() => (confirming.value = true)}>
          {label}
        </button>
      )}
      <FormError error={act.error.value} />
    </div>
  );
}
