// The vault's own settings, each form for a page of the Settings view: when it locks itself and
// how long a confirmation lasts, the master password, and the key derivation it is stretched
// with. Each form takes its name from its page's heading (`titleId`).
import { type Signal, useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { DEFAULT_PRESET, KDF_PRESETS, type KdfPresetId } from '../../core/crypto/params';
import { CONFIRM_GRACE_MINUTES } from '../../core/destinations/grace';
import { LIMITS } from '../../core/vault/limits';
import type { Settings } from '../../core/vault/model';
import { reportsScreenLock } from '../../platform/idle';
import { usePopupState } from '../context';
import { useAction } from '../hooks/use-action';
import { FormError } from './error-message';
import { CheckField } from './fields/check-field';
import { NewPasswordFields, useNewPassword } from './fields/new-password-fields';
import { RadioGroup } from './fields/radio-group';
import { SecretField } from './fields/secret-field';
import { TextField } from './fields/text-field';

const NO_SCREEN_LOCK =
  'This browser does not tell extensions when the screen locks: the vault locks on the timer above and with the Lock button.';

function SettingsForm({ current, titleId }: { current: Settings; titleId: string }) {
  const save = useAction(usePopupState().domains.settings.save);
  const minutes = useSignal(String(current.autoLockMinutes));
  const lockOnSystemLock = useSignal(current.lockOnSystemLock);
  const revokeOnLock = useSignal(current.revokeOnLock);
  const grace = useSignal(String(current.confirmGraceMinutes));
  const saved = useSignal(false);
  const screenLock = reportsScreenLock();
  const edited = () => {
    saved.value = false;
  };
  const check = (box: Signal<boolean>) => (checked: boolean) => {
    box.value = checked;
    edited();
  };
  /** A whole number of minutes within its limits; the saved mark goes as it is edited. */
  const minutesField = (range: { min: number; max: number }, value: Signal<string>) => ({
    type: 'number' as const,
    // A number derived from the stored settings: nothing to offer from earlier typing.
    autocomplete: 'off' as const,
    min: range.min,
    max: range.max,
    step: 1,
    required: true,
    value,
    onInput: (text: string) => {
      value.value = text;
      edited();
    },
  });

  // The stored settings can change under the form (a backup restored): show them, or Save would
  // write the old values back. After our own save they equal the fields, and "saved" stays.
  useEffect(() => {
    const same =
      Number(minutes.value) === current.autoLockMinutes &&
      lockOnSystemLock.value === current.lockOnSystemLock &&
      revokeOnLock.value === current.revokeOnLock &&
      Number(grace.value) === current.confirmGraceMinutes;
    if (same) return;
    minutes.value = String(current.autoLockMinutes);
    lockOnSystemLock.value = current.lockOnSystemLock;
    revokeOnLock.value = current.revokeOnLock;
    grace.value = String(current.confirmGraceMinutes);
    saved.value = false;
  }, [current]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const outcome = await save.run({
      autoLockMinutes: Number(minutes.value),
      lockOnSystemLock: lockOnSystemLock.value,
      revokeOnLock: revokeOnLock.value,
      confirmGraceMinutes: Number(grace.value),
    });
    saved.value = outcome.ok;
  };

  return (
    <form class="panel" onSubmit={submit} aria-labelledby={titleId}>
      <TextField
        label="Lock after this many minutes without use"
        {...minutesField(LIMITS.autoLockMinutes, minutes)}
      />
      <CheckField
        label="Lock when the computer locks"
        checked={lockOnSystemLock.value && screenLock}
        disabled={!screenLock}
        note={screenLock ? undefined : NO_SCREEN_LOCK}
        onChange={check(lockOnSystemLock)}
      />
      <CheckField
        label="Revoke the tokens at the server when locking"
        checked={revokeOnLock.value}
        onChange={check(revokeOnLock)}
      />
      <TextField
        label="Confirm again after this many minutes"
        {...minutesField(CONFIRM_GRACE_MINUTES, grace)}
        hint="Showing a client secret, or sending a stored secret to a new server or API, needs the master password; one confirmation (or unlocking) covers the next ones for this long. 0 asks every time."
      />
      <FormError error={save.error.value} />
      <button type="submit" disabled={save.pending.value}>
        Save settings
      </button>
      {saved.value && <p role="status">Settings saved.</p>}
    </form>
  );
}

export function ChangePasswordForm({ titleId }: { titleId: string }) {
  const change = useAction(usePopupState().domains.vault.changePassword);
  const current = useSignal('');
  const next = useNewPassword('new');
  const done = useSignal(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    done.value = false;
    if (!next.check()) return;
    const changed = await change.run(current.value, next.password.value);
    current.value = '';
    next.clear();
    done.value = changed.ok;
  };

  return (
    <form class="panel" onSubmit={submit} aria-labelledby={titleId}>
      <SecretField label="Current password" value={current} masked="current-password" required />
      <p class="note">Nothing can recover a forgotten master password.</p>
      <NewPasswordFields value={next} />
      <FormError error={change.error.value} />
      <button type="submit" disabled={change.pending.value}>
        Change password
      </button>
      {done.value && <p role="status">Master password changed.</p>}
    </form>
  );
}

/** Preset ids with the labels the popup shows; the default is the one to recommend. */
function presetLabel(id: KdfPresetId): string {
  return id === DEFAULT_PRESET ? `${KDF_PRESETS[id].label}, recommended` : KDF_PRESETS[id].label;
}

// Radios, not a select: a preset's label is longer than a closed select can show at popup width.
const PRESETS = (Object.keys(KDF_PRESETS) as KdfPresetId[]).map((id) => ({
  value: id,
  label: presetLabel(id),
}));

/**
 * Re-keying: the same password, stretched with another preset. The data key is re-wrapped; the
 * records stay as they are. The password is asked again because the new KEK derives from it.
 */
export function KeyDerivationForm({ titleId }: { titleId: string }) {
  const { status, domains } = usePopupState();
  const rekey = useAction(domains.vault.rekey);
  const current = status.value?.kdf;
  const choice = useSignal<KdfPresetId>(
    current && current in KDF_PRESETS ? (current as KdfPresetId) : DEFAULT_PRESET,
  );
  const password = useSignal('');
  const done = useSignal(false);
  const working = rekey.pending.value;

  const submit = async (event: Event) => {
    event.preventDefault();
    done.value = false;
    const entered = password.value;
    password.value = '';
    done.value = (await rekey.run(entered, choice.value)).ok;
  };

  const currentLabel =
    current === undefined
      ? 'unknown'
      : current in KDF_PRESETS
        ? presetLabel(current as KdfPresetId)
        : 'custom parameters';

  return (
    <form class="panel" onSubmit={submit} aria-labelledby={titleId} aria-busy={working}>
      <p>Now: {currentLabel}.</p>
      <RadioGroup legend="Derive the key with" name="kdf-preset" value={choice} choices={PRESETS} />
      <SecretField
        label="Password, to confirm re-keying"
        value={password}
        masked="current-password"
        required
      />
      <FormError error={rekey.error.value} />
      <button type="submit" disabled={working}>
        {working ? 'Re-keying…' : 'Re-key'}
      </button>
      {working && (
        <p role="status" class="note">
          Deriving the new key; this takes about a second.
        </p>
      )}
      {done.value && !working && <p role="status">Re-keyed with {KDF_PRESETS[choice.value].label}.</p>}
    </form>
  );
}

/** Auto-lock and confirmations, once the settings arrived, so that its fields start from them. */
export function LockSettingsForm({ titleId }: { titleId: string }) {
  const { settings } = usePopupState();
  return settings.value ? <SettingsForm current={settings.value} titleId={titleId} /> : null;
}
