// "Add credential" starting from what the user has: a file pasted, dropped or picked is recognised
// (src/core/credentials/recognise.ts), the kind is chosen and its form starts filled in. The text
// moves into the kind's own field and leaves this one; a picked or dropped file is read, never
// shown here. Used by the credential form when adding.
import { type Signal, useSignal } from '@preact/signals';
import { type Recognised, recogniseCredentialText } from '../../core/credentials/recognise';
import { LIMITS } from '../../core/vault/limits';
import type { CredentialKind } from '../../core/vault/model';
import { SecretField } from './fields/secret-field';
import { RouteLink } from './route-link';

const NOTES: Record<Exclude<Recognised['kind'], undefined>, string> = {
  'google-service-account': 'A Google service account key file: read below.',
  'box-jwt': "A Box app's config.json: read below.",
  'ringcentral-jwt': 'A JWT: a RingCentral personal JWT, below.',
  'ringcentral-env': 'A RingCentral .env: the import reads its app and its JWT.',
  'client-secret': "A Zoom app's .env: its account, client ID and secret are filled in below.",
  'private-key':
    'A private key: choose its kind below — Salesforce, DocuSign or a private_key_jwt client — and it is filled in.',
};

/** The kind a recognised file selects; a bare private key leaves the choice to the user. */
function kindOf(found: Recognised): CredentialKind | undefined {
  switch (found.kind) {
    case 'google-service-account':
    case 'box-jwt':
    case 'ringcentral-jwt':
    case 'client-secret':
      return found.kind;
    default:
      return undefined;
  }
}

/** What was recognised last, and how many files so far: a new one starts the form afresh. */
export interface StartedFrom {
  found: Recognised;
  n: number;
}

export function StartFromFile({
  kind,
  start,
}: {
  kind: Signal<CredentialKind>;
  start: Signal<StartedFrom | undefined>;
}) {
  const text = useSignal('');
  const problem = useSignal<string | undefined>(undefined);

  const take = (source: string) => {
    if (source.length > LIMITS.keyFile) {
      problem.value = `The file is larger than ${LIMITS.keyFile} bytes: is it a credential file?`;
      return;
    }
    const found = recogniseCredentialText(source);
    if (found.kind === undefined) {
      problem.value = found.problem;
      return;
    }
    problem.value = undefined;
    text.value = '';
    start.value = { found, n: (start.value?.n ?? 0) + 1 };
    const chosen = kindOf(found);
    if (chosen) kind.value = chosen;
  };
  const readFile = async (file: File | undefined) => {
    if (file) take(file.size > LIMITS.keyFile ? ' '.repeat(LIMITS.keyFile + 1) : await file.text());
  };

  const found = start.value?.found;
  return (
    // One group, so that a file dropped anywhere on it (the field included) is read.
    <fieldset
      class="start-from-file"
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        const file = event.dataTransfer?.files[0];
        if (!file) return;
        event.preventDefault();
        void readFile(file);
      }}
    >
      <SecretField
        label="Start from a file (paste it, or drop it here)"
        value={text}
        rows={2}
        onInput={(typed) => {
          text.value = typed;
          if (typed.trim()) take(typed);
          else problem.value = undefined;
        }}
        hint="A Google key file, a Box config.json, a private key, a JWT, or a RingCentral or Zoom .env: the kind is chosen and its fields filled in."
        error={problem.value}
      />
      <label>
        Or choose the file
        <input type="file" onChange={(event) => void readFile(event.currentTarget.files?.[0])} />
      </label>
      {found?.kind && (
        <p role="status">
          {NOTES[found.kind]}{' '}
          {found.kind === 'ringcentral-env' && (
            <RouteLink view="credentials" item="import">
              Import from .env
            </RouteLink>
          )}
        </p>
      )}
    </fieldset>
  );
}
