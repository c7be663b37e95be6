// @vitest-environment happy-dom
// The Salesforce and client-assertion kinds through the popup: the kind chosen on Add, the key
// read and previewed (type and thumbprint, never the key), an encrypted key asking for its
// passphrase, the claims shown before saving, what is sent on save; their pages' facts and an
// edit that keeps the key; and a connection's API start for each.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionForm } from '../../../src/popup/components/connection-form';
import { Credentials } from '../../../src/popup/components/credentials';
import type { ClientAssertionView, SalesforceJwtView } from '../../../src/shared/messages';
import {
  button,
  click,
  field,
  mounted,
  scriptedClient,
  settle,
  typeInto,
  unlockedVault,
  unmountAll,
} from './support';

vi.mock('../../../src/platform/permissions', () => ({ requestHostAccess: async () => true }));

const fixture = (name: string) =>
  readFileSync(path.join(import.meta.dirname, '../../fixtures/keys', name), 'utf8');
const PKCS1 = fixture('rsa-2048-pkcs1.pem');
const ENCRYPTED = fixture('rsa-2048-encrypted-aes256-sha256.pem');
const CERTIFICATE = fixture('rsa-2048-certificate.pem');

const SALESFORCE: SalesforceJwtView = {
  id: 's1',
  kind: 'salesforce-jwt',
  label: 'Integration user',
  notes: '',
  consumerKey: '3MVG9consumer',
  username: 'integration@acme.example',
  loginUrl: 'https://acme.my.salesforce.com',
  keyDescription: 'RSA 2048-bit',
  keyThumbprint: 'thumb-of-the-salesforce-key',
};

const ENTRA: ClientAssertionView = {
  id: 'c1',
  kind: 'client-assertion',
  label: 'Graph daemon',
  notes: '',
  preset: 'entra',
  clientId: '11111111-2222-3333-4444-555555555555',
  tokenUrl: 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token',
  audience: 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token',
  scopes: ['https://graph.microsoft.com/.default'],
  certificateThumbprint: 'nSz_ZNWcNSBts0Pnaw1-Fc8sImbbuH8fBUwXKD9tPhA',
  keyDescription: 'RSA 2048-bit',
  keyThumbprint: 'thumb-of-the-entra-key',
};

async function addPage(kind: string, marker: string) {
  const client = scriptedClient(
    unlockedVault({ 'credentials.save': (p) => ({ id: 'new', ...p.credential }) as never }),
  );
  const popup = await mounted(<Credentials />, client, { hash: '#/credentials/new' });
  await click(field(popup.root, kind) as HTMLInputElement);
  // Each form is a chunk of its own, fetched when the kind is chosen.
  await settle(() => (popup.root.textContent ?? '').includes(marker));
  return popup;
}

const saved = (client: ReturnType<typeof scriptedClient>) =>
  (
    client.calls.find((c) => c.type === 'credentials.save')!.payload as {
      credential: Record<string, unknown>;
    }
  ).credential;

const shownText = (root: HTMLElement) =>
  [...root.querySelectorAll('dl')].map((dl) => dl.textContent).join(' ');

describe('a Salesforce credential in the popup', () => {
  afterEach(unmountAll);

  it('reads a PKCS#1 key, previews the claims, and saves what the user entered with the key', async () => {
    const { root, client } = await addPage('Salesforce JWT bearer', 'Consumer key');
    await typeInto(field(root, 'Consumer key') as HTMLInputElement, '3MVG9consumer');
    await typeInto(field(root, 'Username') as HTMLInputElement, 'integration@acme.example');
    await typeInto(field(root, 'Private key') as HTMLTextAreaElement, PKCS1);
    await settle(() => root.querySelector('[aria-label="Key, read"]') !== null);
    expect(root.querySelector('[aria-label="Key, read"]')!.textContent).toContain(
      'RSA 2048-bit, signs RS256',
    );
    const sent = root.querySelector('[aria-label="What the vault sends"]')!.textContent!;
    expect(sent).toContain('https://login.salesforce.com/services/oauth2/token');
    expect(sent).toContain('"iss": "3MVG9consumer"');
    expect(sent).toContain('"sub": "integration@acme.example"');
    expect(sent).toContain('"aud": "https://login.salesforce.com"');
    expect(shownText(root)).not.toContain('PRIVATE KEY');
    await click(button(root, 'Save credential'));
    await settle(() => client.calls.some((c) => c.type === 'credentials.save'));
    expect(saved(client)).toEqual({
      kind: 'salesforce-jwt',
      label: 'integration@acme.example',
      consumerKey: '3MVG9consumer',
      username: 'integration@acme.example',
      loginUrl: 'https://login.salesforce.com',
      privateKey: PKCS1,
      notes: '',
    });
  });

  it('asks for the passphrase of an encrypted key, says when it is wrong, and sends it with the key', async () => {
    const { root, client } = await addPage('Salesforce JWT bearer', 'Consumer key');
    await typeInto(field(root, 'Consumer key') as HTMLInputElement, 'ck');
    await typeInto(field(root, 'Username') as HTMLInputElement, 'u@example.com');
    await click(field(root, 'Sandbox (https://test.salesforce.com)') as HTMLInputElement);
    await typeInto(field(root, 'Private key') as HTMLTextAreaElement, ENCRYPTED);
    await settle(() => (root.textContent ?? '').includes('This is an encrypted key: enter its passphrase.'));
    expect(button(root, 'Save credential').disabled).toBe(true);
    await typeInto(field(root, 'Key passphrase') as HTMLInputElement, 'not it');
    await settle(() => (root.textContent ?? '').includes('The passphrase does not open this key.'));
    await typeInto(field(root, 'Key passphrase') as HTMLInputElement, 'fixture passphrase');
    await settle(() => !button(root, 'Save credential').disabled);
    await click(button(root, 'Save credential'));
    await settle(() => client.calls.some((c) => c.type === 'credentials.save'));
    expect(saved(client)).toMatchObject({
      loginUrl: 'https://test.salesforce.com',
      privateKey: ENCRYPTED,
      passphrase: 'fixture passphrase',
    });
  });

  it("shows its facts, keeps the key on an edit, and starts a connection's API at its My Domain", async () => {
    const client = scriptedClient(
      unlockedVault({
        'credentials.list': [SALESFORCE],
        'credentials.save': SALESFORCE as never,
      }),
    );
    const { root } = await mounted(<Credentials />, client, { hash: '#/credentials/s1' });
    await settle(() => (root.textContent ?? '').includes('New private key'));
    const facts = root.querySelector('[aria-label="About this credential"]')!.textContent!;
    expect(facts).toContain('Salesforce JWT bearer');
    expect(facts).toContain('integration@acme.example');
    expect(facts).toContain('https://acme.my.salesforce.com');
    expect(facts).toContain('thumb-of-the-salesforce-key');
    expect((field(root, 'My Domain URL') as HTMLInputElement).value).toBe('https://acme.my.salesforce.com');
    await click(button(root, 'Save changes'));
    await settle(() => client.calls.some((c) => c.type === 'credentials.save'));
    expect(saved(client)).toMatchObject({ id: 's1', loginUrl: 'https://acme.my.salesforce.com' });
    expect(saved(client)).not.toHaveProperty('privateKey');
    unmountAll();

    const form = await mounted(<ConnectionForm onDone={() => {}} />, client);
    expect(() => field(form.root, 'App')).toThrow('0 fields labelled App');
    expect((field(form.root, 'API base URL') as HTMLInputElement).value).toBe(
      'https://acme.my.salesforce.com/services/',
    );
  });
});

describe('a client-assertion credential in the popup', () => {
  afterEach(unmountAll);

  it('for Entra: reads the certificate into x5t#S256, previews header, claims and request, and saves', async () => {
    const { root, client } = await addPage(
      'Client credentials, signed assertion (private_key_jwt)',
      'Authorization server',
    );
    await click(field(root, 'Microsoft Entra') as HTMLInputElement);
    await typeInto(field(root, 'Client ID') as HTMLInputElement, ENTRA.clientId);
    await typeInto(field(root, 'Token URL') as HTMLInputElement, ENTRA.tokenUrl);
    await typeInto(field(root, 'Certificate') as HTMLTextAreaElement, CERTIFICATE);
    await typeInto(field(root, 'Private key') as HTMLTextAreaElement, PKCS1);
    await settle(() =>
      (root.textContent ?? '').includes('"x5t#S256": "nSz_ZNWcNSBts0Pnaw1-Fc8sImbbuH8fBUwXKD9tPhA"'),
    );
    const sent = root.querySelector('[aria-label="What the vault sends"]')!.textContent!;
    expect(sent).toContain('grant_type=client_credentials&scope=https://graph.microsoft.com/.default');
    expect(sent).toContain(`"aud": "${ENTRA.tokenUrl}"`);
    expect(sent).toContain('"jti": "(new for each token)"');
    expect(shownText(root)).not.toContain('PRIVATE KEY');
    await settle(() => !button(root, 'Save credential').disabled);
    await click(button(root, 'Save credential'));
    await settle(() => client.calls.some((c) => c.type === 'credentials.save'));
    expect(saved(client)).toEqual({
      kind: 'client-assertion',
      label: ENTRA.clientId,
      preset: 'entra',
      clientId: ENTRA.clientId,
      tokenUrl: ENTRA.tokenUrl,
      scopes: ['https://graph.microsoft.com/.default'],
      certificate: CERTIFICATE,
      privateKey: PKCS1,
      notes: '',
    });
  });

  it("for Auth0: asks for the API's audience, signs the tenant URL, and sends audience instead of scopes", async () => {
    const { root, client } = await addPage(
      'Client credentials, signed assertion (private_key_jwt)',
      'Authorization server',
    );
    await click(field(root, 'Auth0') as HTMLInputElement);
    await typeInto(field(root, 'Client ID') as HTMLInputElement, 'abc');
    await typeInto(field(root, 'Token URL') as HTMLInputElement, 'https://acme.eu.auth0.com/oauth/token');
    await typeInto(field(root, 'Private key') as HTMLTextAreaElement, PKCS1);
    await settle(() => (root.textContent ?? '').includes("Enter the API's audience."));
    expect(button(root, 'Save credential').disabled).toBe(true);
    await typeInto(field(root, 'API audience') as HTMLInputElement, 'https://api.acme.example/');
    await settle(() => !button(root, 'Save credential').disabled);
    const sent = root.querySelector('[aria-label="What the vault sends"]')!.textContent!;
    expect(sent).toContain('grant_type=client_credentials&audience=https://api.acme.example/');
    expect(sent).toContain('"aud": "https://acme.eu.auth0.com/"');
    await click(button(root, 'Save credential'));
    await settle(() => client.calls.some((c) => c.type === 'credentials.save'));
    expect(saved(client)).toMatchObject({
      preset: 'auth0',
      apiAudience: 'https://api.acme.example/',
      scopes: [],
    });
  });

  it('shows its facts and keeps the key and certificate on an edit', async () => {
    const client = scriptedClient(
      unlockedVault({ 'credentials.list': [ENTRA], 'credentials.save': ENTRA as never }),
    );
    const { root } = await mounted(<Credentials />, client, { hash: '#/credentials/c1' });
    await settle(() => (root.textContent ?? '').includes('New private key'));
    const facts = root.querySelector('[aria-label="About this credential"]')!.textContent!;
    expect(facts).toContain('Microsoft Entra');
    expect(facts).toContain(ENTRA.clientId);
    expect(facts).toContain('https://graph.microsoft.com/.default');
    // The stored thumbprint stands in for the certificate: the preview is there, nothing missing.
    await settle(() => (root.textContent ?? '').includes('"x5t#S256"'));
    await click(button(root, 'Save changes'));
    await settle(() => client.calls.some((c) => c.type === 'credentials.save'));
    const credential = saved(client);
    expect(credential).toMatchObject({ id: 'c1', preset: 'entra', clientId: ENTRA.clientId });
    expect(credential).not.toHaveProperty('privateKey');
    expect(credential).not.toHaveProperty('certificate');
  });
});

describe('a Box app in the popup', () => {
  afterEach(unmountAll);

  const CONFIG = JSON.stringify({
    boxAppSettings: {
      clientID: 'box-client-id',
      clientSecret: 'box-secret-canary',
      appAuth: { publicKeyID: 'pk-1', privateKey: ENCRYPTED, passphrase: 'fixture passphrase' },
    },
    enterpriseID: '12345',
  });

  it("reads the config.json (its key opened with the file's passphrase), previews the app and claims, and saves the file", async () => {
    const { root, client } = await addPage('Box JWT (config.json)', 'Or choose the config.json');
    await typeInto(field(root, 'config.json') as HTMLTextAreaElement, CONFIG);
    await settle(() => root.querySelector('[aria-label="App, read"]') !== null);
    expect(root.querySelector('[aria-label="App, read"]')!.textContent).toContain('box-client-id');
    expect(root.querySelector('[aria-label="Key, read"]')!.textContent).toContain('RSA 2048-bit');
    const sent = root.querySelector('[aria-label="What the vault sends"]')!.textContent!;
    expect(sent).toContain('"kid": "pk-1"');
    expect(sent).toContain('"sub": "12345"');
    expect(sent).toContain('"box_sub_type": "enterprise"');
    expect(sent).toContain('"aud": "https://api.box.com/oauth2/token"');
    expect(shownText(root)).not.toMatch(/box-secret-canary|PRIVATE KEY|fixture passphrase/);
    await settle(() => !button(root, 'Save credential').disabled);
    await click(button(root, 'Save credential'));
    await settle(() => client.calls.some((c) => c.type === 'credentials.save'));
    expect(saved(client)).toEqual({
      kind: 'box-jwt',
      label: 'Box app box-client-id',
      configFile: CONFIG,
      subjectType: 'enterprise',
      subject: '12345',
      tokenUrl: 'https://api.box.com/oauth2/token',
      notes: '',
    });
  });

  it('asks for the user when the tokens act as a user', async () => {
    const { root, client } = await addPage('Box JWT (config.json)', 'Or choose the config.json');
    await typeInto(field(root, 'config.json') as HTMLTextAreaElement, CONFIG);
    await settle(() => root.querySelector('[aria-label="App, read"]') !== null);
    await click(field(root, 'A user') as HTMLInputElement);
    await settle(() => button(root, 'Save credential').disabled);
    await typeInto(field(root, 'User ID') as HTMLInputElement, '777');
    await settle(() => !button(root, 'Save credential').disabled);
    await click(button(root, 'Save credential'));
    await settle(() => client.calls.some((c) => c.type === 'credentials.save'));
    expect(saved(client)).toMatchObject({ subjectType: 'user', subject: '777' });
  });
});

describe('a DocuSign integration in the popup', () => {
  afterEach(unmountAll);

  it("previews the account server's host as aud and the consent link, and saves what was entered", async () => {
    const { root, client } = await addPage('DocuSign JWT grant', 'Integration key');
    await typeInto(field(root, 'Integration key') as HTMLInputElement, 'ik-1');
    await typeInto(field(root, 'User ID') as HTMLInputElement, 'user-guid');
    await typeInto(field(root, 'Redirect URI') as HTMLInputElement, 'https://localhost/callback');
    await typeInto(field(root, 'Private key') as HTMLTextAreaElement, PKCS1);
    await settle(() => !button(root, 'Save credential').disabled);
    const sent = root.querySelector('[aria-label="What the vault sends"]')!;
    expect(sent.textContent).toContain('https://account-d.docusign.com/oauth/token');
    expect(sent.textContent).toContain('"aud": "account-d.docusign.com"');
    expect(sent.textContent).toContain('"scope": "signature impersonation"');
    const consent = sent.querySelector('a')!;
    expect(consent.textContent).toBe('Give consent at DocuSign');
    expect(consent.href).toBe(
      'https://account-d.docusign.com/oauth/auth?response_type=code&scope=signature%20impersonation&client_id=ik-1&redirect_uri=https%3A%2F%2Flocalhost%2Fcallback',
    );
    await click(button(root, 'Save credential'));
    await settle(() => client.calls.some((c) => c.type === 'credentials.save'));
    expect(saved(client)).toEqual({
      kind: 'docusign-jwt',
      label: 'user-guid',
      integrationKey: 'ik-1',
      userId: 'user-guid',
      accountServer: 'https://account-d.docusign.com',
      scopes: ['signature', 'impersonation'],
      redirectUri: 'https://localhost/callback',
      privateKey: PKCS1,
      notes: '',
    });
  });
});

describe('Add credential, started from a file', () => {
  afterEach(unmountAll);

  async function addFromFile(text: string) {
    const client = scriptedClient(
      unlockedVault({ 'credentials.save': (p) => ({ id: 'new', ...p.credential }) as never }),
    );
    const popup = await mounted(<Credentials />, client, { hash: '#/credentials/new' });
    await typeInto(
      field(popup.root, 'Start from a file (paste it, or drop it here)') as HTMLTextAreaElement,
      text,
    );
    return popup;
  }

  it("a Google key file chooses Google's kind and fills its form, leaving the start field empty", async () => {
    const keyFile = fixture('google-service-account.json');
    const { root } = await addFromFile(keyFile);
    await settle(() => root.querySelector('[aria-label="Key file, read"]') !== null);
    expect((field(root, 'Google service account') as HTMLInputElement).checked).toBe(true);
    expect((field(root, 'Key file') as HTMLTextAreaElement).value).toBe(keyFile.trim());
    expect((field(root, 'Start from a file (paste it, or drop it here)') as HTMLTextAreaElement).value).toBe(
      '',
    );
  });

  it('a private key waits for its kind, then fills the key field of the kind chosen', async () => {
    const { root } = await addFromFile(PKCS1);
    await settle(() => (root.textContent ?? '').includes('A private key: choose its kind below'));
    await click(field(root, 'DocuSign JWT grant') as HTMLInputElement);
    await settle(() => root.querySelector('[aria-label="Key, read"]') !== null);
    expect((field(root, 'Private key') as HTMLTextAreaElement).value).toBe(PKCS1.trim());
  });

  it("a Zoom .env fills the Zoom form's account, client ID and secret", async () => {
    const { root } = await addFromFile(
      'ZOOM_ACCOUNT_ID=acc-9\nZOOM_CLIENT_ID=cid-9\nZOOM_CLIENT_SECRET=sec-9\n',
    );
    await settle(() => (root.textContent ?? '').includes('Account ID'));
    expect((field(root, 'Account ID') as HTMLInputElement).value).toBe('acc-9');
    expect((field(root, 'Client ID') as HTMLInputElement).value).toBe('cid-9');
    expect((field(root, 'Client secret') as HTMLInputElement).value).toBe('sec-9');
  });

  it('a RingCentral .env points to the import, and a file it does not know is explained', async () => {
    const { root } = await addFromFile('RC_APP_CLIENT_ID=abc\n');
    await settle(() => (root.textContent ?? '').includes('A RingCentral .env'));
    expect([...root.querySelectorAll('a')].some((a) => a.textContent === 'Import from .env')).toBe(true);
    await typeInto(
      field(root, 'Start from a file (paste it, or drop it here)') as HTMLTextAreaElement,
      'hello',
    );
    await settle(() => (root.textContent ?? '').includes('does not recognise this file'));
  });
});
