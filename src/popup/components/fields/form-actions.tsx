// The buttons that end a form: its one submit button, and Cancel where the form can be left.
import type { ComponentChildren } from 'preact';

export function FormActions({
  submit,
  disabled,
  onCancel,
}: {
  /** The submit button's text; none while there is nothing to submit. */
  submit?: ComponentChildren;
  disabled?: boolean;
  onCancel?: () => void;
}) {
  return (
    <div class="actions">
      {submit !== undefined && (
        <button type="submit" disabled={disabled}>
          {submit}
        </button>
      )}
      {onCancel && (
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
