// The private key a signing credential is added with: pasted, or picked from its file (read,
// never shown), with a passphrase field once the key turns out to be encrypted, and what the
// vault read of it — type, size and thumbprint, never the key. The text leaves the form with the
// save; an edit keeps the stored key unless a new one is given. Used by the Salesforce and
// client-assertion forms (lazy chunks: it loads jose).
import { type Signal, useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { VaultError } from '../../core/errors';
import { type PrivateKey, readPrivateKey } from '../../core/keys';
import { LIMITS } from '../../core/vault/limits';
import { SecretField } from './fields/secret-field';

/** What the vault read of the key, and of the file around it (`details`: a config.json's app). */
export type KeyReading<T = undefined> = {
  key?: Pick<PrivateKey, 'alg' | 'description' | 'thumbprint'>;
  details?: T;
  problem?: string;
  /** An encrypted key, and no (or a wrong) passphrase yet. */
  passphraseProblem?: string;
};

export type KeyReader<T> = (text: string, passphrase: string) => Promise<Omit<KeyReading<T>, 'problem'>>;

export interface KeyDraft<T = undefined> {
  pasted: Signal<string>;
  picked: Signal<{ name: string; text: string } | undefined>;
  passphrase: Signal<string>;
  reading: Signal<KeyReading<T>>;
}

/** Reads with `read`; a refusal becomes the field's problem, or the passphrase's. */
async function readWith<T>(read: KeyReader<T>, text: string, passphrase: string): Promise<KeyReading<T>> {
  if (!text.trim()) return {};
  try {
    return await read(text, passphrase);
  } catch (error) {
    if (!(error instanceof VaultError)) return { problem: 'This key cannot be read.' };
    if (error.code === 'KEY_PASSPHRASE_NEEDED' || error.code === 'WRONG_KEY_PASSPHRASE')
      return { passphraseProblem: error.message };
    return { problem: error.message };
  }
}

/** A private key as pasted, in any format the vault reads. */
export const readKey: KeyReader<undefined> = async (text, passphrase) => {
  const { alg, description, thumbprint } = await readPrivateKey(text, passphrase || undefined);
  return { key: { alg, description, thumbprint } };
};

/** The draft of a key field; read again (with `read`) whenever its text or passphrase changes. */
export function useKeyDraft<T = undefined>(
  read: KeyReader<T> = readKey as KeyReader<T>,
  /** A key the form starts with (a file dropped on Add credential). */
  initial = '',
): KeyDraft<T> {
  const draft: KeyDraft<T> = {
    pasted: useSignal(initial),
    picked: useSignal(undefined),
    passphrase: useSignal(''),
    reading: useSignal({}),
  };
  const text = keyText(draft);
  const passphrase = draft.passphrase.value;
  useEffect(() => {
    // A reading that ends after a later one started is dropped.
    let current = true;
    void readWith(read, text, passphrase).then((result) => {
      if (current) draft.reading.value = result;
    });
    return () => {
      current = false;
    };
  }, [text, passphrase]);
  return draft;
}

export function keyText<T>(draft: KeyDraft<T>): string {
  return draft.picked.value?.text ?? draft.pasted.value;
}

/** What a save sends of the key: nothing when none was given (an edit keeps the stored one). */
export function keyInput<T>(draft: KeyDraft<T>): { privateKey?: string; passphrase?: string } {
  const text = keyText(draft);
  if (!text) return {};
  return { privateKey: text, ...(draft.passphrase.value ? { passphrase: draft.passphrase.value } : {}) };
}

/** Forgets the key and its passphrase: called once the save is done. */
export function clearKey<T>(draft: KeyDraft<T>): void {
  draft.pasted.value = '';
  draft.picked.value = undefined;
  draft.passphrase.value = '';
}

export function PrivateKeyField<T>({
  draft,
  editing,
  hint,
  label = 'Private key',
  fileLabel = 'Or choose the key file',
  accept = '.pem,.key,.json,.txt',
}: {
  draft: KeyDraft<T>;
  editing: boolean;
  hint: string;
  /** What the field holds: a private key, or a file with one (Box's config.json). */
  label?: string;
  fileLabel?: string;
  accept?: string;
}) {
  const { key, problem, passphraseProblem } = draft.reading.value;
  const pick = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    if (file.size > LIMITS.keyFile) {
      draft.reading.value = { problem: `The file is larger than ${LIMITS.keyFile} bytes: is it a key file?` };
      return;
    }
    draft.pasted.value = '';
    draft.picked.value = { name: file.name, text: await file.text() };
  };
  return (
    <>
      <SecretField
        label={editing ? `New ${label.toLowerCase()} (leave empty to keep the key)` : label}
        value={draft.pasted}
        rows={4}
        onInput={(text) => {
          draft.pasted.value = text;
          draft.picked.value = undefined;
        }}
        hint={hint}
        error={problem}
      />
      <label>
        {fileLabel}
        <input type="file" accept={accept} onChange={(e) => void pick(e)} />
      </label>
      {draft.picked.value && <p>Read from the file {draft.picked.value.name}.</p>}
      {(passphraseProblem || draft.passphrase.value) && (
        <SecretField
          label="Key passphrase"
          masked="off"
          value={draft.passphrase}
          error={draft.passphrase.value ? passphraseProblem : undefined}
          hint={draft.passphrase.value ? undefined : passphraseProblem}
        />
      )}
      {key && (
        <dl class="jwt-preview" aria-label={editing ? 'New key' : 'Key, read'}>
          <dt>Key</dt>
          <dd>
            {key.description}, signs {key.alg}
          </dd>
          <dt>Thumbprint</dt>
          <dd>
            <code>{key.thumbprint}</code>
          </dd>
        </dl>
      )}
    </>
  );
}

/** Whether the form may save: a key read (or, editing, none given), and no passphrase missing. */
export function keyReady<T>(draft: KeyDraft<T>, editing: boolean): boolean {
  if (keyText(draft) === '') return editing;
  return draft.reading.value.key !== undefined;
}
