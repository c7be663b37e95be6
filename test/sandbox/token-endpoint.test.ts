// The token response itself: its fields, headers, TTL clamping, scope, endpoint_id and client kinds.

import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/index';
import { apps, exchange, getExtension, jwtBearer, refresh, start, tokenRequest, users } from './helpers';

describe('token response', () => {
  it('has the documented fields and types, and no-store caching', async () => {
    const sandbox = await start();

    const response = await tokenRequest(sandbox.url, apps.demo, {
      grant_type: jwtBearer,
      assertion: sandbox.jwts.demo,
    });
    const body = await response.json();

    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(body).toEqual({
      access_token: expect.stringMatching(/^U1BC/),
      token_type: 'bearer',
      expires_in: 3600,
      refresh_token: expect.stringMatching(/^U1BC/),
      refresh_token_expires_in: 604800,
      scope: 'ReadAccounts CallControl',
      owner_id: String(users.alice.id),
      endpoint_id: expect.any(String),
    });
  });

  it('returns the user of the JWT as owner and in the API', async () => {
    const sandbox = await start();

    const tokens = await exchange(sandbox.url, sandbox.jwts.bob);
    const extension = await (await getExtension(sandbox.url, tokens.access_token)).json();

    expect(tokens.owner_id).toBe(String(users.bob.id));
    expect(extension).toMatchObject({
      id: users.bob.id,
      extensionNumber: '102',
      type: 'User',
      status: 'Enabled',
    });
    expect(extension.uri).toBe(
      `${sandbox.url}/restapi/v1.0/account/${users.bob.accountId}/extension/${users.bob.id}`,
    );
  });

  it('echoes endpoint_id and narrows scope to what the app has', async () => {
    const sandbox = await start();

    const tokens = await exchange(sandbox.url, sandbox.jwts.demo, apps.demo, {
      endpoint_id: 'my-endpoint',
      scope: 'CallControl Unknown',
    });

    expect(tokens).toMatchObject({ endpoint_id: 'my-endpoint', scope: 'CallControl' });
  });

  it('lets a restricted JWT in through a listed app, Basic or body client_id', async () => {
    const sandbox = await start();

    const viaBody = await exchange(sandbox.url, sandbox.jwts.restricted, apps.public);
    const viaBasic = await exchange(sandbox.url, sandbox.jwts.restricted, apps.otherOrg);

    expect([viaBody.owner_id, viaBasic.owner_id]).toEqual([String(users.alice.id), String(users.alice.id)]);
  });
});

describe('TTL clamping', () => {
  it.each([
    ['60', 600],
    ['600', 600],
    ['1800', 1800],
    ['99999', 3600],
    ['-1', 600],
  ])('clamps access_token_ttl=%s to %i in faithful mode', async (requested, granted) => {
    const sandbox = await start();

    const tokens = await exchange(sandbox.url, sandbox.jwts.demo, apps.demo, { access_token_ttl: requested });

    expect(tokens.expires_in).toBe(granted);
  });

  it.each([
    ['10', 600],
    ['86400', 86400],
    ['9999999', 604800],
  ])('clamps refresh_token_ttl=%s to %i in faithful mode', async (requested, granted) => {
    const sandbox = await start();

    const tokens = await exchange(sandbox.url, sandbox.jwts.demo, apps.demo, {
      refresh_token_ttl: requested,
    });

    expect(tokens.refresh_token_expires_in).toBe(granted);
  });

  it('applies requested lifetimes on refresh too', async () => {
    const sandbox = await start();
    const first = await exchange(sandbox.url, sandbox.jwts.demo);

    const response = await tokenRequest(sandbox.url, apps.demo, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token!,
      access_token_ttl: '900',
    });

    expect((await response.json()).expires_in).toBe(900);
  });

  it('refuses a lifetime that is not a number', async () => {
    const sandbox = await start();

    const response = await tokenRequest(sandbox.url, apps.demo, {
      grant_type: jwtBearer,
      assertion: sandbox.jwts.demo,
      access_token_ttl: 'soon',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: 'invalid_request',
      errors: [{ errorCode: 'OAU-101' }],
    });
  });

  it('allows short lifetimes in test mode, up to the configured maximum', async () => {
    const sandbox = await start({ testMode: true, ttl: { accessToken: 120 } });

    const short = await exchange(sandbox.url, sandbox.jwts.demo, apps.demo, { access_token_ttl: '2' });
    const long = await exchange(sandbox.url, sandbox.jwts.demo, apps.demo, { access_token_ttl: '3600' });

    expect([short.expires_in, long.expires_in]).toEqual([2, 120]);
  });

  it('refuses lifetimes below 600 s outside test mode, at start and from the admin', async () => {
    const sandbox = await start();

    await expect(startSandbox({ ttl: { accessToken: 30 } })).rejects.toThrow(RangeError);
    await expect(sandbox.admin.setTtl({ accessToken: 30 })).rejects.toMatchObject({
      status: 400,
      code: 'SBX-400',
    });
    await expect(sandbox.admin.setTtl({ accessToken: 900 })).resolves.toEqual({
      accessToken: 900,
      refreshToken: 604800,
    });
  });

  it('uses the admin TTLs for the next tokens', async () => {
    const sandbox = await start({ testMode: true });
    await sandbox.admin.setTtl({ accessToken: 5, refreshToken: 50 });

    const tokens = await exchange(sandbox.url, sandbox.jwts.demo);
    const after = await (await refresh(sandbox.url, tokens.refresh_token!)).json();

    expect([tokens.expires_in, tokens.refresh_token_expires_in]).toEqual([5, 50]);
    expect([after.expires_in, after.refresh_token_expires_in]).toEqual([5, 50]);
  });
});
