// A client with a secret (Zoom's server-to-server apps, another server's client credentials): the
// request the vault makes — Basic with the secret, the preset's grant in the body, no JWT — and
// the vault's token client against the sandbox's Zoom endpoint: a token its API takes, and each
// refusal explained in Zoom's terms (Zoom says why in `reason`).
import { describe, expect, it } from 'vitest';
import { mergeCredential } from '../../../../src/background/merge-credential';
import { assertionFor } from '../../../../src/core/credentials/assertion';
import { CLIENT_SECRET_PRESETS } from '../../../../src/core/credentials/client-secret';
import { tokenIssuerFor } from '../../../../src/core/credentials/issuer';
import type { ErrorCode } from '../../../../src/core/errors';
import { createTokenClient, type TokenIssuer } from '../../../../src/core/tokens';
import type { ClientSecretCredential } from '../../../../src/core/vault/model';
import { validateCredential } from '../../../../src/core/vault/validate';
import type { ClientSecretInput } from '../../../../src/shared/messages';
import { start } from '../../../sandbox/helpers';
import { failure } from './failure';

describe('client secret: the request', () => {
  it("sends Zoom's account_credentials grant and another server's client_credentials, with Basic and no JWT", async () => {
    const sent: { url: string; init: RequestInit }[] = [];
    const client = createTokenClient({
      clock: { now: () => 0 },
      fetch: async (url, init) => {
        sent.push({ url, init });
        return new Response(JSON.stringify({ access_token: 'at', token_type: 'bearer', expires_in: 3599 }));
      },
    });
    const base = {
      id: 'c1',
      label: 'c',
      notes: '',
      kind: 'client-secret' as const,
      clientId: 'id',
      clientSecret: 'sé',
    };
    const zoom = validateCredential({
      ...base,
      preset: 'zoom',
      tokenUrl: CLIENT_SECRET_PRESETS.zoom.tokenUrl,
      accountId: 'acc-1',
      scopes: [],
    }) as ClientSecretCredential;
    const other = validateCredential({
      ...base,
      preset: 'other',
      tokenUrl: 'https://auth.example/token',
      scopes: ['read', 'write'],
    }) as ClientSecretCredential;
    for (const credential of [zoom, other]) {
      expect(await assertionFor(credential, 0)).toBeUndefined();
      await client.exchangeJwt(tokenIssuerFor(credential, undefined)!, undefined);
    }
    const basic = `Basic ${Buffer.from('id:sé').toString('base64')}`;
    expect(
      sent.map(({ url, init }) => [url, (init.headers as Record<string, string>).Authorization, init.body]),
    ).toEqual([
      ['https://zoom.us/oauth/token', basic, 'grant_type=account_credentials&account_id=acc-1'],
      ['https://auth.example/token', basic, 'grant_type=client_credentials&scope=read+write'],
    ]);
  });

  it('refuses a Zoom credential without its account ID, and a secret with spaces around it', () => {
    const base = { id: 'c1', label: 'c', notes: '', kind: 'client-secret', clientId: 'id', scopes: [] };
    expect(() =>
      validateCredential({
        ...base,
        preset: 'zoom',
        clientSecret: 's',
        tokenUrl: 'https://zoom.us/oauth/token',
      }),
    ).toThrow('credential.accountId is needed');
    expect(() =>
      validateCredential({ ...base, preset: 'other', clientSecret: ' s', tokenUrl: 'https://a.example/t' }),
    ).toThrow('leading or trailing spaces');
  });
});

describe('client secret: against the sandbox', () => {
  async function setUp(change: Partial<ClientSecretInput> = {}) {
    const sandbox = await start();
    const demo = await sandbox.admin.zoomDemo();
    const input: ClientSecretInput = {
      kind: 'client-secret',
      label: 'Zoom',
      preset: 'zoom',
      clientId: demo.clientId,
      clientSecret: demo.clientSecret,
      tokenUrl: demo.tokenUrl,
      accountId: demo.accountId,
      scopes: [],
      ...change,
    };
    const credential = validateCredential(await mergeCredential(input, undefined)) as ClientSecretCredential;
    const client = createTokenClient({ fetch, clock: { now: () => Date.now() } });
    const exchange = () =>
      client.exchangeJwt(tokenIssuerFor(credential, undefined) as TokenIssuer, undefined);
    return { sandbox, demo, exchange };
  }

  it('gets a token the API takes, and logs the client, never the secret', async () => {
    const { sandbox, demo, exchange } = await setUp();
    const tokens = await exchange();
    const api = await fetch(`${sandbox.url}/zoom/v2/users/me`, {
      headers: { Authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(api.status).toBe(200);
    const log = (await sandbox.admin.log()).filter((entry) => entry.path === '/zoom/oauth/token');
    expect(log.map((entry) => [entry.status, entry.grantType, entry.clientId])).toEqual([
      [200, 'account_credentials', demo.clientId],
    ]);
    expect(JSON.stringify(log)).not.toContain(demo.clientSecret);
  });

  it.each<[string, Partial<ClientSecretInput>, boolean, ErrorCode, string]>([
    [
      'a wrong secret',
      { clientSecret: 'not-the-secret' },
      false,
      'INVALID_CLIENT',
      'did not accept the client ID and secret',
    ],
    [
      'an unknown account',
      { accountId: 'no-such-account' },
      false,
      'TOKEN_REQUEST_REJECTED',
      'does not know this account ID',
    ],
    ['a deactivated app', {}, true, 'INVALID_CLIENT', 'Zoom says this app is deactivated'],
  ])('explains %s in Zoom terms', async (_name, change, deactivate, code, phrase) => {
    const { sandbox, demo, exchange } = await setUp(change);
    if (deactivate) await sandbox.admin.setZoomRevoked(true);
    const error = await failure(exchange());
    expect(error.code).toBe(code);
    expect(error.message).toContain(phrase);
    expect(error.message).not.toContain(demo.clientSecret);
  });
});
