// Export a credential for a trusted app: choose the credential, then one of the apps it allows,
// then how to protect it (the app's public key, or a passphrase shown once), confirm with the
// master password, and copy or download the JWE. Below, the log of what left the vault. The
// "Export for a trusted app" page of the Settings view.

import { type Signal, useSignal, useSignalEffect } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { usesApp } from '../../core/credentials/kinds';
import type { VaultError } from '../../core/errors';
import type { ExportRecipient } from '../../core/export';
import type { ExportOutput } from '../../shared/messages';
import { popupClipboard } from '../clipboard';
import { usePopupState } from '../context';
import { offerFile } from '../download';
import { useAction } from '../hooks/use-action';
import { FormError } from './error-message';
import { ProofField, useProof } from './fields/proof-field';
import { RadioGroup } from './fields/radio-group';
import { SecretField } from './fields/secret-field';
import { SelectField } from './fields/select-field';

const VALIDITY = [
  { label: '1 hour', value: String(3_600) },
  { label: '24 hours', value: String(86_400) },
  { label: '7 days', value: String(7 * 86_400) },
];

type Protection = 'public-key' | 'passphrase';

const PROTECTION: readonly { value: Protection; label: string }[] = [
  { value: 'public-key', label: "The app's public key (JWK)" },
  { value: 'passphrase', label: 'A one-off passphrase' },
];

function recipientLabel(recipient: ExportRecipient): string {
  return recipient.name ? `${recipient.name} (${recipient.clientId})` : recipient.clientId;
}

/** Offers the JWE as a file. */
function download(output: ExportOutput): void {
  offerFile(output.fileName, output.jwe, 'application/jose');
}

/** Copies, and clears the clipboard 30 s later if it still holds this value. */
function CopyButton({ label, value }: { label: string; value: string }) {
  const copied = useSignal<string | undefined>(undefined);
  const copy = async () => {
    try {
      await popupClipboard().copy(value);
      copied.value = 'Copied; the clipboard is cleared in 30 s.';
    } catch {
      copied.value = 'The browser refused to copy: download the file instead.';
    }
  };
  return (
    <>
      <button type="button" class="secondary" onClick={() => void copy()}>
        {label}
      </button>
      {copied.value && <p aria-live="polite">{copied.value}</p>}
    </>
  );
}

function ExportResult({ output, onDone }: { output: ExportOutput; onDone(): void }) {
  const passphrase = useSignal(output.passphrase ?? '');
  // The Export button that had the focus is gone: the focus starts on what replaced it.
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  return (
    <section class="panel" aria-labelledby="export-result-title">
      <h3 id="export-result-title" ref={title} tabIndex={-1}>
        Export ready
      </h3>
      {output.passphrase && (
        <>
          <p class="warning">
            Give this passphrase to the app's owner by another channel than the file. It is shown only now:
            the vault does not keep it.
          </p>
          <SecretField label="Passphrase" value={passphrase} readOnly class="secret" />
          <CopyButton label="Copy passphrase" value={output.passphrase} />
        </>
      )}
      <p>
        Expires {new Date(output.record.expiresAt).toLocaleString()}. File: <code>{output.fileName}</code>
      </p>
      <button type="button" onClick={() => download(output)}>
        Download .jwe
      </button>
      <CopyButton label="Copy JWE" value={output.jwe} />
      <button type="button" class="secondary" onClick={onDone}>
        Done
      </button>
    </section>
  );
}

function Fields({
  recipients,
  recipient,
  protection,
  jwk,
}: {
  recipients: ExportRecipient[];
  recipient: Signal<string>;
  protection: Signal<Protection>;
  jwk: Signal<string>;
}) {
  if (recipients.length === 0) {
    return (
      <p class="warning" role="alert">
        This credential allows no app registered here. Register the app it is for (Apps → Add app), or allow a
        specific client ID on the credential.
      </p>
    );
  }
  return (
    <>
      <SelectField
        label="For the app"
        value={recipient}
        choices={recipients.map((r) => ({ value: r.clientId, label: recipientLabel(r) }))}
        onChange={(id) => (recipient.value = id)}
      />
      <RadioGroup legend="Protect it with" name="protection" value={protection} choices={PROTECTION} />
      {protection.value === 'public-key' && (
        <>
          {/* Secret: a private key is pasted here by mistake often enough. */}
          <SecretField label="Public key (JWK)" value={jwk} rows={4} required />
          <label>
            Or load the key from a file
            <input
              type="file"
              accept=".json,.jwk,application/json"
              onChange={async (e) => {
                const file = e.currentTarget.files?.[0];
                if (file) jwk.value = await file.text();
              }}
            />
          </label>
        </>
      )}
    </>
  );
}

function ExportForm({ onDone, onAgain }: { onDone(): void; onAgain(): void }) {
  const { credentials, domains } = usePopupState();
  // Exports go to an app the credential allows: kinds with no app (a service account) have none.
  const exportable = credentials.value.filter((c) => usesApp(c.kind));
  const recipientsFor = useAction(domains.exports.recipients);
  const create = useAction(domains.exports.create);
  const credentialId = useSignal(exportable[0]?.id ?? '');
  const recipients = useSignal<ExportRecipient[]>([]);
  const recipient = useSignal('');
  const protection = useSignal<Protection>('public-key');
  const jwk = useSignal('');
  const validity = useSignal(String(86_400));
  const proof = useProof();
  // A passkey dialog that closed, before anything was sent: shown where the export's error is.
  const unproved = useSignal<VaultError | undefined>(undefined);
  const output = useSignal<ExportOutput | undefined>(undefined);
  const exporting = create.pending.value;

  // The apps to choose from follow the credential: the worker decides which it allows.
  useSignalEffect(() => {
    const id = credentialId.value;
    if (!id) return;
    void recipientsFor.run(id).then((outcome) => {
      const list = outcome.ok ? outcome.value : [];
      recipients.value = list;
      recipient.value = list[0]?.clientId ?? '';
    });
  });

  const submit = async (event: Event) => {
    event.preventDefault();
    const taken = await proof.take();
    unproved.value = taken.ok ? undefined : taken.error;
    if (!taken.ok) return;
    const result = await create.run({
      credentialId: credentialId.value,
      recipientClientId: recipient.value,
      protection:
        protection.value === 'passphrase' ? { kind: 'passphrase' } : { kind: 'public-key', jwk: jwk.value },
      validitySeconds: Number(validity.value),
      ...taken.value,
    });
    if (result.ok) {
      jwk.value = '';
      output.value = result.value;
    }
  };

  if (output.value) return <ExportResult output={output.value} onDone={onAgain} />;
  return (
    <form class="panel" onSubmit={submit} aria-labelledby="export-title" aria-busy={exporting}>
      <h3 id="export-title">Export a credential</h3>
      <SelectField
        label="Credential"
        value={credentialId}
        choices={exportable.map((c) => ({ value: c.id, label: c.label }))}
        empty="No credential that exports to an app"
        onChange={(id) => (credentialId.value = id)}
      />
      {/* Without the list, the form cannot go on: say why in it. */}
      {recipientsFor.error.value ? (
        <FormError error={recipientsFor.error.value} />
      ) : (
        <Fields recipients={recipients.value} recipient={recipient} protection={protection} jwk={jwk} />
      )}
      <SelectField
        label="Valid for"
        value={validity}
        choices={VALIDITY}
        onChange={(seconds) => (validity.value = seconds)}
      />
      <ProofField proof={proof} label="Master password, to confirm" />
      <FormError error={unproved.value ?? create.error.value} />
      <button type="submit" disabled={exporting || recipients.value.length === 0}>
        {exporting ? 'Exporting…' : 'Export'}
      </button>
      <button type="button" class="secondary" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}

function ExportLog() {
  const exportLog = usePopupState().domains.exports.log;
  if (exportLog.value.length === 0) return null;
  return (
    <>
      <h3 id="export-log-title">Past exports</h3>
      <ul class="credentials" aria-labelledby="export-log-title">
        {exportLog.value.map((entry) => (
          <li key={entry.id}>
            <strong>{entry.credentialLabel}</strong> → <code>{entry.recipientClientId}</code>
            <br />
            <small>
              {new Date(entry.at).toLocaleString()} ·{' '}
              {entry.protection === 'passphrase' ? 'passphrase' : `key ${entry.keyThumbprint?.slice(0, 12)}…`}{' '}
              · valid until {new Date(entry.expiresAt).toLocaleString()}
            </small>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The export form, and the log under it. Done after an export starts a new one; Cancel leaves
 * the page. The form is keyed by each run, so a new export starts from empty fields.
 */
export function ExportSection({ onLeave }: { onLeave(): void }) {
  const { credentials } = usePopupState();
  const run = useSignal(0);
  const section = useRef<HTMLDivElement>(null);
  // After Done the result is gone with the focus on it: a new export starts at its first field.
  useEffect(() => {
    if (run.value > 0) section.current?.querySelector<HTMLElement>('select')?.focus();
  }, [run.value]);
  return (
    <div class="page-body" ref={section}>
      {credentials.value.length === 0 ? (
        <p>Add a credential first: an export takes one credential out, for one app it allows.</p>
      ) : (
        <ExportForm key={run.value} onDone={onLeave} onAgain={() => (run.value += 1)} />
      )}
      <ExportLog />
    </div>
  );
}
