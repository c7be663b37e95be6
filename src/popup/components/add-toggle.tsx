// An "Add …" button that opens a form in place; the form closes itself when it saved.
import { useSignal } from '@preact/signals';
import type { ComponentType } from 'preact';

export function AddToggle({ label, form: Form }: { label: string; form: ComponentType<{ onDone(): void }> }) {
  const open = useSignal(false);
  if (open.value) {
    return (
      <Form
        onDone={() => {
          open.value = false;
        }}
      />
    );
  }
  return (
    <button
      type="button"
      onClick={() => {
        open.value = true;
      }}
    >
      {label}
    </button>
  );
}
