// The real @ringcentral/sdk, unchanged, against the sandbox: login, API call, refresh, 401 retry, logout.

import { SDK } from '@ringcentral/sdk';
import { describe, expect, it } from 'vitest';
import type { AppSeed } from '../../sandbox/index';
import { apps, errorCodeOf, getExtension, jwtBearer, refresh, start, users } from './helpers';

let cacheId = 0;

function platformFor(url: string, app: AppSeed = apps.demo) {
  const sdk = new SDK({
    server: url,
    clientId: app.clientId,
    clientSecret: app.clientSecret ?? '',
    // The SDK's default cache is one in-memory storage per process: give each instance its own keys.
    cachePrefix: `sdk-test-${++cacheId}-`,
  });
  return sdk.platform();
}

describe('@ringcentral/sdk against the sandbox', () => {
  it('logs in with a JWT and calls the API with the bearer token', async () => {
    const sandbox = await start();
    const platform = platformFor(sandbox.url);

    const login = await (await platform.login({ jwt: sandbox.jwts.demo })).json();
    const extension = await (await platform.get('/restapi/v1.0/account/~/extension/~')).json();

    expect(login).toMatchObject({ token_type: 'bearer', expires_in: 3600, owner_id: String(users.alice.id) });
    expect(extension).toMatchObject({
      id: users.alice.id,
      extensionNumber: users.alice.extensionNumber,
      account: { id: String(users.alice.accountId) },
    });
    const log = await sandbox.admin.log();
    expect(log.map((e) => [e.method, e.path, e.authScheme, e.status])).toEqual([
      ['POST', '/restapi/oauth/token', 'Basic', 200],
      ['GET', '/restapi/v1.0/account/~/extension/~', 'Bearer', 200],
    ]);
    expect(log[0]).toMatchObject({ grantType: jwtBearer, clientId: apps.demo.clientId });
  });

  it('sends client_id in the body for an app without a secret', async () => {
    const sandbox = await start();
    const platform = platformFor(sandbox.url, apps.public);

    await platform.login({ jwt: sandbox.jwts.demo });
    const account = await (await platform.get('/restapi/v1.0/account/~')).json();

    expect(account).toMatchObject({ id: users.alice.accountId });
    const [tokenEntry] = await sandbox.admin.log();
    expect(tokenEntry).toMatchObject({ authScheme: 'none', clientId: apps.public.clientId, status: 200 });
  });

  it('refreshes automatically before a call once the token is about to expire', async () => {
    // 30 s is inside the SDK's 60 s safety margin, so its next call refreshes first: no waiting needed.
    const sandbox = await start({ testMode: true, ttl: { accessToken: 30 } });
    const platform = platformFor(sandbox.url);
    await platform.login({ jwt: sandbox.jwts.demo });
    const firstToken = (await platform.auth().data()).access_token!;

    const response = await platform.get('/restapi/v1.0/account/~/extension/~');

    expect(response.status).toBe(200);
    const log = await sandbox.admin.log();
    expect(log.map((e) => e.grantType ?? e.method)).toEqual([jwtBearer, 'refresh_token', 'GET']);
    expect((await platform.auth().data()).access_token).not.toBe(firstToken);
    // The previous access token died at the refresh.
    const old = await getExtension(sandbox.url, firstToken);
    expect(old.status).toBe(401);
    expect(errorCodeOf(await old.json())).toBe('OAU-149');
  });

  it('retries once after a 401 for an expired token, refreshing in between', async () => {
    const sandbox = await start();
    const platform = platformFor(sandbox.url);
    await platform.login({ jwt: sandbox.jwts.demo });
    // The SDK still believes its token is fresh; the server's clock says otherwise.
    await sandbox.admin.advanceClock(3601);

    const response = await platform.get('/restapi/v1.0/account/~/extension/~');

    expect(response.status).toBe(200);
    const log = await sandbox.admin.log();
    expect(log.map((e) => [e.grantType ?? e.method, e.status])).toEqual([
      [jwtBearer, 200],
      ['GET', 401],
      ['refresh_token', 200],
      ['GET', 200],
    ]);
  });

  it('logs out with a revoke that ends the whole session', async () => {
    const sandbox = await start();
    const platform = platformFor(sandbox.url);
    await platform.login({ jwt: sandbox.jwts.demo });
    const { access_token, refresh_token } = await platform.auth().data();

    await platform.logout();

    const log = await sandbox.admin.log();
    expect(log.at(-1)).toMatchObject({
      method: 'POST',
      path: '/restapi/oauth/revoke',
      authScheme: 'Basic',
      status: 200,
    });
    expect((await sandbox.admin.state()).sessions).toEqual([]);
    expect((await getExtension(sandbox.url, access_token)).status).toBe(401);
    expect(errorCodeOf(await (await refresh(sandbox.url, refresh_token!)).json())).toBe('OAU-213');
  });

  it('surfaces the token endpoint error of a revoked credential', async () => {
    const sandbox = await start();
    await sandbox.admin.revokeCredential(sandbox.seed.credentials.demo.id);
    const platform = platformFor(sandbox.url);

    const failure = await platform.login({ jwt: sandbox.jwts.demo }).catch((error: unknown) => error);

    const response = (failure as { response?: Response }).response;
    expect(response?.status).toBe(400);
    expect(await response?.json()).toMatchObject({
      error: 'invalid_grant',
      errors: [{ errorCode: 'OAU-213' }],
    });
  });
});
