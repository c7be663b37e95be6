// A button in a list row, named for the item it acts on ("Edit Demo", "Delete Alice → …"), so a
// screen reader and a test can tell one row's Edit from the next one's. With an icon it is a
// compact square showing only the icon; the verb stays its name and its tooltip.
import type { ComponentType } from 'preact';
import type { IconProps } from '../icons';

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
  /** Shown instead of the verb, for a row with little room. */
  icon?: ComponentType<IconProps>;
}

export function ItemButton({
  text,
  item,
  onClick,
  class: className = 'secondary',
  disabled,
  edits,
  icon: Icon,
}: ItemButtonProps) {
  return (
    <button
      type="button"
      class={Icon ? `icon-button ${className}` : className}
      disabled={disabled}
      aria-label={`${text} ${item}`}
      title={Icon ? text : undefined}
      data-edit={edits}
      onClick={onClick}
    >
      {Icon ? <Icon /> : text}
    </button>
  );
}
