// @vitest-environment happy-dom
// A Google service account through the popup: the kind chosen on Add, the key file read and
// previewed (never shown), refused files explained, what is sent on save; its page's facts; and a
// connection for it, which names no app.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionForm } from '../../../src/popup/components/connection-form';
import { Credentials } from '../../../src/popup/components/credentials';
import { ExportSection } from '../../../src/popup/components/export-credential';
import type { GoogleServiceAccountView } from '../../../src/shared/messages';
import {
  APP,
  button,
  CREDENTIAL,
  click,
  field,
  mounted,
  primaryActions,
  scriptedClient,
  settle,
  typeInto,
  unlockedVault,
  unmountAll,
} from './support';

// The browser's host-access prompt: localhost needs none, so it is never asked here.
vi.mock('../../../src/platform/permissions', () => ({ requestHostAccess: async () => true }));

const KEY_FILE = readFileSync(
  path.join(import.meta.dirname, '../../fixtures/keys/google-service-account.json'),
  'utf8',
);
const EMAIL = 'vault-fixture@example.iam.gserviceaccount.com';

const ACCOUNT: GoogleServiceAccountView = {
  id: 'g1',
  kind: 'google-service-account',
  label: 'Reports robot',
  notes: '',
  clientEmail: EMAIL,
  privateKeyId: 'fixture-key-1',
  keyDescription: 'RSA 2048-bit',
  keyThumbprint: 'thumb-print-of-the-key',
  tokenUri: 'https://oauth2.googleapis.com/token',
  projectId: 'vault-fixture',
  scopes: ['https://www.googleapis.com/auth/cloud-platform'],
};

async function addPage() {
  const client = scriptedClient(
    unlockedVault({ 'credentials.save': (p) => ({ ...ACCOUNT, ...p.credential }) as never }),
  );
  const popup = await mounted(<Credentials />, client, { hash: '#/credentials/new' });
  await click(field(popup.root, 'Google service account') as HTMLInputElement);
  // The form is a chunk of its own, fetched when the kind is chosen.
  await settle(() => (popup.root.textContent ?? '').includes('Or choose the key file'));
  return popup;
}

describe('a Google service account in the popup', () => {
  afterEach(unmountAll);

  it('reads a pasted key file into a preview of the account, key and claims, never showing the key', async () => {
    const { root } = await addPage();
    await typeInto(field(root, 'Key file') as HTMLTextAreaElement, KEY_FILE);
    await settle(() => root.querySelector('[aria-label="Key file, read"]') !== null);
    const preview = root.querySelector('[aria-label="Key file, read"]')!.textContent!;
    expect(preview).toContain(EMAIL);
    expect(preview).toContain('RSA 2048-bit');
    expect(preview).toContain('https://oauth2.googleapis.com/token');
    expect(preview).toContain('"scope": "https://www.googleapis.com/auth/cloud-platform"');
    // The key appears only in the field it was pasted into, never in what the page shows.
    const shown = [...root.querySelectorAll('dl')].map((dl) => dl.textContent).join(' ');
    expect(shown).not.toContain('PRIVATE KEY');
    expect(primaryActions(root).map((b) => b.textContent)).toEqual(['Save credential']);
  });

  it('explains a file that is not a service account key, and does not save it', async () => {
    const { root, client } = await addPage();
    await typeInto(field(root, 'Key file') as HTMLTextAreaElement, '{"type":"authorized_user"}');
    await settle(() => (root.textContent ?? '').includes("This is a user's credentials file"));
    expect(button(root, 'Save credential').disabled).toBe(true);
    expect(client.calls.some((c) => c.type === 'credentials.save')).toBe(false);
  });

  it('saves the key file with the scopes and the label taken from the account', async () => {
    const { root, client } = await addPage();
    await typeInto(field(root, 'Key file') as HTMLTextAreaElement, KEY_FILE);
    await typeInto(field(root, 'Scopes (one per line)') as HTMLTextAreaElement, 'email\nprofile email');
    await settle(() => !button(root, 'Save credential').disabled);
    await click(button(root, 'Save credential'));
    await settle(() => client.calls.some((c) => c.type === 'credentials.save'));
    const saved = client.calls.find((c) => c.type === 'credentials.save')!.payload;
    expect(saved).toEqual({
      credential: {
        kind: 'google-service-account',
        label: EMAIL,
        keyFile: KEY_FILE,
        scopes: ['email', 'profile'],
        subject: '',
        notes: '',
      },
    });
  });

  it("shows the account's facts on its page, an edit that keeps the key, and no JWT or apps", async () => {
    const client = scriptedClient(
      unlockedVault({ 'credentials.list': [ACCOUNT], 'credentials.save': ACCOUNT as never }),
    );
    const { root } = await mounted(<Credentials />, client, { hash: '#/credentials/g1' });
    await settle(() => (root.textContent ?? '').includes('New key file'));
    const facts = root.querySelector('[aria-label="About this credential"]')!.textContent!;
    expect(facts).toContain('Google service account');
    expect(facts).toContain(EMAIL);
    expect(facts).toContain('thumb-print-of-the-key');
    expect(facts).toContain('vault-fixture');
    expect(facts).toContain('https://oauth2.googleapis.com/token');
    expect(facts).not.toMatch(/JWT|Apps/);
    expect(root.textContent).not.toMatch(/Export/);
    await click(button(root, 'Save changes'));
    await settle(() => client.calls.some((c) => c.type === 'credentials.save'));
    const { credential } = client.calls.find((c) => c.type === 'credentials.save')!.payload as {
      credential: Record<string, unknown>;
    };
    expect(credential).toMatchObject({ id: 'g1', kind: 'google-service-account', scopes: ACCOUNT.scopes });
    expect(credential).not.toHaveProperty('keyFile');
  });

  it('a connection for it has no app to choose and sends none', async () => {
    const client = scriptedClient(
      unlockedVault({
        'credentials.list': [ACCOUNT],
        'apps.list': [APP],
        'connections.save': (p) => ({ id: 'k9', ...p.connection }) as never,
      }),
    );
    const { root } = await mounted(<ConnectionForm onDone={() => {}} />, client);
    expect(() => field(root, 'App')).toThrow('0 fields labelled App');
    expect((field(root, 'API base URL') as HTMLInputElement).value).toBe('https://www.googleapis.com/');
    await typeInto(
      field(root, 'Tool origins (one per line)') as HTMLTextAreaElement,
      'http://localhost:3000',
    );
    await click(button(root, 'Save connection'));
    await settle(() => client.calls.some((c) => c.type === 'connections.save'));
    const { connection } = client.calls.find((c) => c.type === 'connections.save')!.payload as {
      connection: Record<string, unknown>;
    };
    expect(connection).toEqual({
      credentialId: 'g1',
      apiBaseUrl: 'https://www.googleapis.com/',
      toolOrigins: ['http://localhost:3000'],
      enabled: true,
    });
  });

  it('is not offered for export: exports go to an app, and it has none', async () => {
    const client = scriptedClient(
      unlockedVault({ 'credentials.list': [ACCOUNT, CREDENTIAL], 'exports.recipients': [] }),
    );
    const { root } = await mounted(<ExportSection onLeave={() => {}} />, client);
    const choices = [...(field(root, 'Credential') as HTMLSelectElement).options].map((o) => o.text);
    expect(choices).toEqual([CREDENTIAL.label]);
    // No list of apps is asked for the service account.
    const asked = client.calls.filter((c) => c.type === 'exports.recipients').map((c) => c.payload);
    expect(asked).not.toContainEqual({ credentialId: 'g1' });
  });
});
