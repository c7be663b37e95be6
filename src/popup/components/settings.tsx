// Vault settings: when it locks itself, whether locking revokes the tokens at the server, the
// master password, and the key derivation it is stretched with.
import { type Signal, useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { DEFAULT_PRESET, KDF_PRESETS, type KdfPresetId } from '../../core/crypto/params';
import { CONFIRM_GRACE_MINUTES } from '../../core/destinations/grace';
import { LIMITS } from '../../core/vault/limits';
import type { Settings } from '../../core/vault/model';
import { MIN_PASSWORD_LENGTH } from '../../core/vault/password-policy';
import { reportsScreenLock } from '../../platform/idle';
import { usePopupState } from '../context';
import { PasswordField } from './password-field';
import { PasswordStrength } from './password-strength';

function Checkbox({
  label,
  value,
  onChange,
  unavailable,
}: {
  label: string;
  value: Signal<boolean>;
  onChange(): void;
  /** Why this browser cannot do it; the box is then shown off and cannot be ticked. */
  unavailable?: { id: string; why: string };
}) {
  return (
    <>
      <label class="check">
        <input
          type="checkbox"
          checked={value.value && !unavailable}
          disabled={unavailable !== undefined}
          aria-describedby={unavailable?.id}
          onChange={(e) => {
            value.value = e.currentTarget.checked;
            onChange();
          }}
        />
        {label}
      </label>
      {unavailable && (
        <p class="note" id={unavailable.id}>
          {unavailable.why}
        </p>
      )}
    </>
  );
}

const NO_SCREEN_LOCK = {
  id: 'no-screen-lock',
  why: 'This browser does not tell extensions when the screen locks: the vault locks on the timer above and with the Lock button.',
};

function SettingsForm({ current }: { current: Settings }) {
  const { saveSettings, busy } = usePopupState();
  const minutes = useSignal(String(current.autoLockMinutes));
  const lockOnSystemLock = useSignal(current.lockOnSystemLock);
  const revokeOnLock = useSignal(current.revokeOnLock);
  const grace = useSignal(String(current.confirmGraceMinutes));
  const saved = useSignal(false);
  const edited = () => {
    saved.value = false;
  };

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
    saved.value = await saveSettings({
      autoLockMinutes: Number(minutes.value),
      lockOnSystemLock: lockOnSystemLock.value,
      revokeOnLock: revokeOnLock.value,
      confirmGraceMinutes: Number(grace.value),
    });
  };

  return (
    <form class="panel" onSubmit={submit} aria-labelledby="settings-title">
      <h3 id="settings-title">Settings</h3>
      <label>
        Lock after this many minutes without use
        <input
          type="number"
          min={LIMITS.autoLockMinutes.min}
          max={LIMITS.autoLockMinutes.max}
          step={1}
          required
          value={minutes.value}
          onInput={(e) => {
            minutes.value = e.currentTarget.value;
            edited();
          }}
        />
      </label>
      <Checkbox
        label="Lock when the computer locks"
        value={lockOnSystemLock}
        onChange={edited}
        unavailable={reportsScreenLock() ? undefined : NO_SCREEN_LOCK}
      />
      <Checkbox label="Revoke the tokens at the server when locking" value={revokeOnLock} onChange={edited} />
      <label>
        Confirm again after this many minutes
        <input
          type="number"
          min={CONFIRM_GRACE_MINUTES.min}
          max={CONFIRM_GRACE_MINUTES.max}
          step={1}
          required
          aria-describedby="confirm-grace-hint"
          value={grace.value}
          onInput={(e) => {
            grace.value = e.currentTarget.value;
            edited();
          }}
        />
      </label>
      <small id="confirm-grace-hint" class="hint">
        Showing a client secret, or sending a stored secret to a new server or API, needs the master password;
        one confirmation (or unlocking) covers the next ones for this long. 0 asks every time.
      </small>
      <button type="submit" disabled={busy.value === 'saving'}>
        Save settings
      </button>
      {saved.value && <p role="status">Settings saved.</p>}
    </form>
  );
}

function ChangePasswordForm() {
  const { changePassword, busy } = usePopupState();
  const current = useSignal('');
  const next = useSignal('');
  const confirm = useSignal('');
  const problem = useSignal('');
  const done = useSignal(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    done.value = false;
    if ([...next.value].length < MIN_PASSWORD_LENGTH) {
      problem.value = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
      return;
    }
    if (next.value !== confirm.value) {
      problem.value = 'The two new passwords are not the same.';
      return;
    }
    problem.value = '';
    const changed = await changePassword(current.value, next.value);
    current.value = '';
    next.value = '';
    confirm.value = '';
    done.value = changed;
  };

  return (
    <form class="panel" onSubmit={submit} aria-labelledby="password-title">
      <h3 id="password-title">Change the master password</h3>
      <PasswordField label="Current password" value={current} autocomplete="current-password" />
      <p>Nothing can recover a forgotten master password.</p>
      <PasswordField
        label="New password"
        value={next}
        autocomplete="new-password"
        describedBy="change-strength"
      />
      <PasswordStrength password={next} id="change-strength" />
      <PasswordField label="Confirm new password" value={confirm} autocomplete="new-password" />
      {problem.value && (
        <p class="error" role="alert">
          {problem.value}
        </p>
      )}
      <button type="submit" disabled={busy.value === 'saving'}>
        Change password
      </button>
      {done.value && <p role="status">Master password changed.</p>}
    </form>
  );
}

/** Preset ids with the labels the popup shows; the default is the one to recommend. */
const PRESET_IDS = Object.keys(KDF_PRESETS) as KdfPresetId[];

function presetLabel(id: KdfPresetId): string {
  return id === DEFAULT_PRESET ? `${KDF_PRESETS[id].label}, recommended` : KDF_PRESETS[id].label;
}

/**
 * Re-keying: the same password, stretched with another preset. The data key is re-wrapped; the
 * records stay as they are. The password is asked again because the new KEK derives from it.
 */
function KeyDerivationForm() {
  const { rekey, busy, status } = usePopupState();
  const current = status.value?.kdf;
  const choice = useSignal<string>(current && current !== 'custom' ? current : DEFAULT_PRESET);
  const password = useSignal('');
  const done = useSignal(false);
  const working = busy.value === 'rekeying';

  const submit = async (event: Event) => {
    event.preventDefault();
    done.value = false;
    const entered = password.value;
    password.value = '';
    done.value = await rekey(entered, choice.value);
  };

  const currentLabel =
    current === undefined
      ? 'unknown'
      : current in KDF_PRESETS
        ? presetLabel(current as KdfPresetId)
        : 'custom parameters';

  return (
    <form class="panel" onSubmit={submit} aria-labelledby="kdf-title" aria-busy={working}>
      <h3 id="kdf-title">Key derivation</h3>
      <p>Now: {currentLabel}.</p>
      <label>
        Key derivation
        <select value={choice.value} onChange={(e) => (choice.value = e.currentTarget.value)}>
          {PRESET_IDS.map((id) => (
            <option key={id} value={id}>
              {presetLabel(id)}
            </option>
          ))}
        </select>
      </label>
      <PasswordField
        label="Password, to confirm re-keying"
        value={password}
        autocomplete="current-password"
      />
      <button type="submit" disabled={working || busy.value === 'saving'}>
        {working ? 'Re-keying…' : 'Re-key'}
      </button>
      {working && (
        <p role="status" class="note">
          Deriving the new key; this takes about a second.
        </p>
      )}
      {done.value && !working && (
        <p role="status">Re-keyed with {KDF_PRESETS[choice.value as KdfPresetId].label}.</p>
      )}
    </form>
  );
}

export function SettingsPanel() {
  const { settings } = usePopupState();
  // Mount the form only once the settings arrived, so its fields start from them.
  return (
    <details>
      <summary>Settings and master password</summary>
      {settings.value && <SettingsForm current={settings.value} />}
      <ChangePasswordForm />
      <KeyDerivationForm />
    </details>
  );
}
