// A strength meter under a new master password: a <meter> and a sentence, announced politely
// as the password changes. Advice only; the form still enforces the minimum length.
import type { Signal } from '@preact/signals';
import { useComputed } from '@preact/signals';
import { passwordStrength } from '../../core/password-strength';

export function PasswordStrength({ password, id }: { password: Signal<string>; id: string }) {
  const strength = useComputed(() => (password.value ? passwordStrength(password.value) : undefined));
  const current = strength.value;
  return (
    <div class="strength">
      <meter
        aria-label="Password strength"
        aria-describedby={id}
        min={0}
        max={4}
        low={2}
        high={3}
        optimum={4}
        value={current?.level ?? 0}
        aria-valuetext={current?.label ?? 'Nothing typed yet'}
      />
      {/* Always present, so that screen readers announce its changes. */}
      <p id={id} class="strength-text" aria-live="polite">
        {current && (
          <>
            Strength: {current.label}.{current.hints.length > 0 && ` ${current.hints.join(' ')}`}
          </>
        )}
      </p>
    </div>
  );
}
