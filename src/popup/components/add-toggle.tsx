// An "Add …" button that opens a form in place; the form closes itself when it saved. Focus
// follows: into the form's first field when it opens, back to the button when it closes, so a
// keyboard user never lands on the page's start.
import { useSignal } from '@preact/signals';
import type { ComponentType } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

const FIELDS = 'input:not([type="hidden"]), select, textarea';

export function AddToggle({ label, form: Form }: { label: string; form: ComponentType<{ onDone(): void }> }) {
  const open = useSignal(false);
  const container = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);

  useEffect(() => {
    if (open.value) container.current?.querySelector<HTMLElement>(FIELDS)?.focus();
    else if (wasOpen.current) button.current?.focus();
    wasOpen.current = open.value;
  }, [open.value]);

  if (open.value) {
    return (
      <div ref={container}>
        <Form
          onDone={() => {
            open.value = false;
          }}
        />
      </div>
    );
  }
  return (
    <button
      ref={button}
      type="button"
      class="add-toggle"
      onClick={() => {
        open.value = true;
      }}
    >
      {label}
    </button>
  );
}
