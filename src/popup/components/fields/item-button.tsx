// A button in a list row, named for the item it acts on ("Edit Demo", "Delete Alice → …"), so a
// screen reader and a test can tell one row's Edit from the next one's.
export interface ItemButtonProps {
  /** What the button shows: the verb. */
  text: string;
  /** The item's name, added to the verb in the accessible name. */
  item: string;
  onClick(): void;
  class?: string;
  disabled?: boolean;
  /** The item's key, for a list that gives focus back to this button after editing. */
  edits?: string;
}

export function ItemButton({
  text,
  item,
  onClick,
  class: className = 'secondary',
  disabled,
  edits,
}: ItemButtonProps) {
  return (
    <button
      type="button"
      class={className}
      disabled={disabled}
      aria-label={`${text} ${item}`}
      data-edit={edits}
      onClick={onClick}
    >
      {text}
    </button>
  );
}
