// @vitest-environment happy-dom
// A client with a secret through the popup: Zoom's form asks for the account, client ID and
// secret, shows what is sent (never the secret), saves; an edit never shows the stored secret and
// keeps it unless a new one is typed; a connection starts at Zoom's API.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionForm } from '../../../src/popup/components/connection-form';
import { Credentials } from '../../../src/popup/components/credentials';
import type { ClientSecretView } from '../../../src/shared/messages';
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

const asked = vi.hoisted(() => [] as string[][]);
vi.mock('../../../src/platform/permissions', () => ({
  requestHostAccess: async (patterns: string[]) => {
    asked.push(patterns);
    return true;
  },
}));

const ZOOM: ClientSecretView = {
  id: 'z1',
  kind: 'client-secret',
  label: 'Meetings bot',
  notes: '',
  preset: 'zoom',
  clientId: 'zoom-client',
  tokenUrl: 'https://zoom.us/oauth/token',
  accountId: 'acc-1',
  scopes: [],
};

const saved = (client: ReturnType<typeof scriptedClient>) =>
  (
    client.calls.find((c) => c.type === 'credentials.save')!.payload as {
      credential: Record<string, unknown>;
    }
  ).credential;

describe('a client with a secret in the popup', () => {
  afterEach(unmountAll);

  it('adds a Zoom app: shows the grant and Basic, never the secret, and saves what was typed', async () => {
    const client = scriptedClient(
      unlockedVault({ 'credentials.save': (p) => ({ id: 'new', ...p.credential }) as never }),
    );
    const { root } = await mounted(<Credentials />, client, { hash: '#/credentials/new' });
    await click(field(root, 'Client credentials, client secret (Zoom server-to-server)') as HTMLInputElement);
    await settle(() => (root.textContent ?? '').includes('Account ID'));
    expect(button(root, 'Save credential').disabled).toBe(true);
    await typeInto(field(root, 'Account ID') as HTMLInputElement, 'acc-1');
    await typeInto(field(root, 'Client ID') as HTMLInputElement, 'zoom-client');
    await typeInto(field(root, 'Client secret') as HTMLInputElement, 'secret-canary-42');
    await settle(() => !button(root, 'Save credential').disabled);
    const sent = root.querySelector('[aria-label="What the vault sends"]')!.textContent!;
    expect(sent).toContain('https://zoom.us/oauth/token');
    expect(sent).toContain('grant_type=account_credentials&account_id=acc-1');
    expect(sent).not.toContain('secret-canary-42');
    await click(button(root, 'Save credential'));
    await settle(() => client.calls.some((c) => c.type === 'credentials.save'));
    expect(saved(client)).toEqual({
      kind: 'client-secret',
      label: 'zoom-client',
      preset: 'zoom',
      clientId: 'zoom-client',
      clientSecret: 'secret-canary-42',
      tokenUrl: 'https://zoom.us/oauth/token',
      accountId: 'acc-1',
      scopes: [],
      notes: '',
    });
  });

  it("keeps the stored secret on an edit, shows its facts, and starts a connection at Zoom's API", async () => {
    const client = scriptedClient(
      unlockedVault({ 'credentials.list': [ZOOM], 'credentials.save': ZOOM as never }),
    );
    const { root } = await mounted(<Credentials />, client, { hash: '#/credentials/z1' });
    await settle(() => (root.textContent ?? '').includes('New client secret'));
    const facts = root.querySelector('[aria-label="About this credential"]')!.textContent!;
    expect(facts).toContain('Zoom server-to-server');
    expect(facts).toContain('acc-1');
    expect((field(root, 'New client secret (leave empty to keep it)') as HTMLInputElement).value).toBe('');
    await click(button(root, 'Save changes'));
    await settle(() => client.calls.some((c) => c.type === 'credentials.save'));
    expect(saved(client)).toMatchObject({ id: 'z1', clientId: 'zoom-client' });
    expect(saved(client)).not.toHaveProperty('clientSecret');
    unmountAll();
    const form = await mounted(<ConnectionForm onDone={() => {}} />, client);
    expect((field(form.root, 'API base URL') as HTMLInputElement).value).toBe('https://api.zoom.us/v2/');
    // Saving asks for the token URL's host too: Zoom's token endpoint sends no CORS headers.
    await typeInto(
      field(form.root, 'Tool origins (one per line)') as HTMLTextAreaElement,
      'http://localhost:3000',
    );
    await click(button(form.root, 'Save connection'));
    await settle(() => asked.length > 0);
    expect(asked.at(-1)).toEqual(['https://api.zoom.us/*', 'http://localhost/*', 'https://zoom.us/*']);
  });
});
