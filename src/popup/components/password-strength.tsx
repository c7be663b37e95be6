// A strength meter under a new master password: a <meter> and a sentence in the small print of
// the hints, announced politely as the password changes. Nothing shows before anything is
// typed. Advice only; the form still enforces the minimum length.
import type { Signal } from '@preact/signals';
import { useComputed } from '@preact/signals';
import { passwordStrength } from '../../core/password-strength';

export function PasswordStrength({ password, id }: { password: Signal<string>; id: string }) {
  const strength = useComputed(() => (password.value ? passwordStrength(password.value) : undefined));
  const current = strength.value;
  return (
    <div class="strength">
      {current && (
        <meter
          aria-label="Password strength"
          aria-describedby={id}
          min={0}
          max={4}
          low={2}
          high={3}
          optimum={4}
          value={current.level}
          aria-valuetext={current.label}
        />
      )}
      {/* Always present, so that screen readers announce its changes. */}
      <small id={id} class="hint strength-text" aria-live="polite">
        {current && (
          <>
            Strength: {current.label}.{current.hints.length > 0 && ` ${current.hints.join(' ')}`}
          </>
        )}
      </small>
    </div>
  );
}
