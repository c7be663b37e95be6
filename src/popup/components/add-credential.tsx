// Add a credential: paste the JWT from the Developer Console and see what it says before
// saving — who it belongs to and when it expires — then choose which apps may use it, as the
// console does. The JWT leaves the form as soon as it is saved.
import { useComputed, useSignal } from '@preact/signals';
import { inspectJwt, type JwtInfo } from '../../core/jwt';
import type { AllowedApps } from '../../core/vault/model';
import { VaultError } from '../../shared/errors';
import { usePopupState } from '../context';

function when(epochSeconds: number | undefined): string {
  return epochSeconds === undefined ? '—' : new Date(epochSeconds * 1000).toLocaleString();
}

/** The decoded preview of a pasted JWT, or the problem with it; nothing while empty. */
export function previewJwt(jwt: string): { info?: JwtInfo; problem?: string } {
  if (!jwt) return {};
  try {
    return { info: inspectJwt(jwt) };
  } catch (error) {
    return { problem: error instanceof VaultError ? error.message : 'This is not a JWT.' };
  }
}

/** Client IDs typed one per line or separated by commas, without blanks or repeats. */
export function parseClientIds(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

export function JwtPreview({ info }: { info: JwtInfo }) {
  return (
    <dl class="jwt-preview" aria-label="Decoded JWT">
      <dt>Key ID (kid)</dt>
      <dd>{info.kid ?? '—'}</dd>
      <dt>User (sub)</dt>
      <dd>{info.sub ?? '—'}</dd>
      <dt>Issued</dt>
      <dd>{when(info.iat)}</dd>
      <dt>Expires</dt>
      <dd class={info.expired || info.expiresSoon ? 'warning' : undefined}>
        {when(info.exp)}
        {info.expired ? ' (expired)' : info.expiresSoon ? ' (within 14 days)' : ''}
      </dd>
    </dl>
  );
}

export function AddCredentialForm({ onDone }: { onDone(): void }) {
  const { saveCredential, busy } = usePopupState();
  const label = useSignal('');
  const jwt = useSignal('');
  const scope = useSignal<AllowedApps['kind']>('organization');
  const clientIds = useSignal('');
  const notes = useSignal('');
  const preview = useComputed(() => previewJwt(jwt.value));

  const submit = async (event: Event) => {
    event.preventDefault();
    if (preview.value.problem) return;
    const allowed: AllowedApps =
      scope.value === 'organization'
        ? { kind: 'organization' }
        : { kind: 'specific', clientIds: parseClientIds(clientIds.value) };
    const saved = await saveCredential({ label: label.value, jwt: jwt.value, allowed, notes: notes.value });
    if (saved) {
      jwt.value = '';
      onDone();
    }
  };

  return (
    <form class="panel" onSubmit={submit} aria-labelledby="add-credential-title">
      <h3 id="add-credential-title">Add a credential</h3>
      <label>
        Label
        <input required value={label.value} onInput={(e) => (label.value = e.currentTarget.value)} />
      </label>
      <label>
        JWT
        <textarea
          required
          rows={3}
          spellcheck={false}
          autocomplete="off"
          value={jwt.value}
          onInput={(e) => (jwt.value = e.currentTarget.value)}
        />
      </label>
      {preview.value.problem && (
        <p class="error" role="alert">
          {preview.value.problem}
        </p>
      )}
      {preview.value.info && <JwtPreview info={preview.value.info} />}
      <fieldset>
        <legend>Which apps may use it</legend>
        <label class="check">
          <input
            type="radio"
            name="allowed"
            checked={scope.value === 'organization'}
            onChange={() => (scope.value = 'organization')}
          />
          All apps of my organization
        </label>
        <label class="check">
          <input
            type="radio"
            name="allowed"
            checked={scope.value === 'specific'}
            onChange={() => (scope.value = 'specific')}
          />
          Only specific apps
        </label>
        {scope.value === 'specific' && (
          <label>
            Client IDs (one per line)
            <textarea
              required
              rows={2}
              value={clientIds.value}
              onInput={(e) => (clientIds.value = e.currentTarget.value)}
            />
          </label>
        )}
      </fieldset>
      <label>
        Notes
        <input value={notes.value} onInput={(e) => (notes.value = e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={busy.value === 'saving' || !!preview.value.problem}>
        Save credential
      </button>
    </form>
  );
}
