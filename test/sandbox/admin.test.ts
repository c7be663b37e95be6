// The admin surface: its token check, the request log, reset, credentials, faults, latency, down/up.

import { describe, expect, it } from 'vitest';
import { createAdminClient, SandboxAdminError } from '../../sandbox/admin-client';
import {
  apps,
  errorCodeOf,
  exchange,
  getExtension,
  jwtBearer,
  refresh,
  start,
  tokenRequest,
  until,
  users,
} from './helpers';

describe('admin token', () => {
  it.each([
    ['GET', 'state'],
    ['GET', 'log'],
    ['POST', 'reset'],
    ['POST', 'down'],
    ['POST', 'credentials/revoke'],
  ])('refuses %s %s without the token (401) and with a wrong one (403)', async (method, path) => {
    const sandbox = await start();
    const url = `${sandbox.url}/__sandbox/${path}`;
    const body = method === 'POST' ? JSON.stringify({ id: sandbox.seed.credentials.demo.id }) : undefined;

    const missing = await fetch(url, { method, body });
    const wrong = await fetch(url, {
      method,
      body,
      headers: { 'X-Sandbox-Admin': `${sandbox.adminToken}x` },
    });

    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ errorCode: 'SBX-401' });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ errorCode: 'SBX-403' });
    // Nothing happened: still up, credential still good.
    expect((await exchange(sandbox.url, sandbox.jwts.demo)).access_token).toBeTruthy();
  });

  it('surfaces refusals as SandboxAdminError in the client', async () => {
    const sandbox = await start({ adminToken: 'right' });

    const failure = await createAdminClient(sandbox.url, 'wrong')
      .state()
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(SandboxAdminError);
    expect(failure).toMatchObject({ status: 403, code: 'SBX-403' });
  });

  it('answers bad admin input with 400 SBX-400', async () => {
    const sandbox = await start();

    const badJson = await fetch(`${sandbox.url}/__sandbox/latency`, {
      method: 'POST',
      headers: { 'X-Sandbox-Admin': sandbox.adminToken },
      body: '{oops',
    });

    expect(badJson.status).toBe(400);
    await expect(sandbox.admin.revokeCredential('no-such-id')).rejects.toMatchObject({ code: 'SBX-400' });
    await expect(sandbox.admin.failNext({ status: 502 as 503 })).rejects.toMatchObject({ code: 'SBX-400' });
  });
});

describe('request log', () => {
  it('records method, path, origin, the masked Authorization and the grant, but not admin calls', async () => {
    const sandbox = await start();
    const tokens = await exchange(sandbox.url, sandbox.jwts.demo);
    await fetch(`${sandbox.url}/restapi/v1.0/account/~?secret=1`, {
      headers: { Authorization: `Bearer ${tokens.access_token}`, Origin: 'http://localhost:3000' },
    });
    await getExtension(sandbox.url);
    await sandbox.admin.state();

    const log = await sandbox.admin.log();

    const basicValue = Buffer.from(`${apps.demo.clientId}:${apps.demo.clientSecret}`).toString('base64');
    expect(log).toEqual([
      {
        seq: 1,
        at: expect.any(String),
        method: 'POST',
        path: '/restapi/oauth/token',
        origin: null,
        authScheme: 'Basic',
        authToken: `${basicValue.slice(0, 4)}…`,
        grantType: jwtBearer,
        clientId: apps.demo.clientId,
        status: 200,
      },
      expect.objectContaining({
        path: '/restapi/v1.0/account/~',
        origin: 'http://localhost:3000',
        authScheme: 'Bearer',
        authToken: 'U1BC…',
        status: 200,
      }),
      expect.objectContaining({ authScheme: 'none', authToken: null, status: 401 }),
    ]);
    expect(JSON.stringify(log)).not.toContain(tokens.access_token);
  });

  it('clears', async () => {
    const sandbox = await start();
    await exchange(sandbox.url, sandbox.jwts.demo);

    await sandbox.admin.clearLog();

    expect(await sandbox.admin.log()).toEqual([]);
  });
});

describe('reset', () => {
  it('restores the seed state and settings, keeping the seed JWTs valid', async () => {
    const sandbox = await start({ testMode: true });
    const tokens = await exchange(sandbox.url, sandbox.jwts.demo);
    await sandbox.admin.revokeCredential(sandbox.seed.credentials.demo.id);
    await sandbox.admin.setTtl({ accessToken: 5 });
    await sandbox.admin.setLatency(50);

    await sandbox.admin.reset();

    const state = await sandbox.admin.state();
    expect(state).toMatchObject({ sessions: [], ttl: { accessToken: 3600 }, latencyMs: 0 });
    expect(await sandbox.admin.log()).toEqual([]);
    expect((await getExtension(sandbox.url, tokens.access_token)).status).toBe(401);
    expect((await exchange(sandbox.url, sandbox.jwts.demo)).expires_in).toBe(3600);
  });
});

describe('credentials', () => {
  it('issues a credential restricted to chosen apps', async () => {
    const sandbox = await start();

    const issued = await sandbox.admin.issueCredential({
      userId: users.bob.id,
      restriction: { kind: 'apps', clientIds: [apps.noRefresh.clientId] },
    });
    const allowed = await exchange(sandbox.url, issued.jwt, apps.noRefresh);
    const refused = await tokenRequest(sandbox.url, apps.demo, {
      grant_type: jwtBearer,
      assertion: issued.jwt,
    });

    expect(allowed.owner_id).toBe(String(users.bob.id));
    expect(errorCodeOf(await refused.json())).toBe('OAU-140');
    expect((await sandbox.admin.state()).credentials.map((c) => c.id)).toContain(issued.id);
  });

  it('leaves running sessions alone when a credential is revoked', async () => {
    const sandbox = await start();
    const tokens = await exchange(sandbox.url, sandbox.jwts.demo);

    await sandbox.admin.revokeCredential(sandbox.seed.credentials.demo.id);

    expect((await refresh(sandbox.url, tokens.refresh_token!)).status).toBe(200);
  });
});

describe('faults and latency', () => {
  it('fails the next N requests with 503 and Retry-After, then recovers', async () => {
    const sandbox = await start();
    await sandbox.admin.failNext({ count: 2, status: 503, retryAfterSeconds: 7 });

    const first = await getExtension(sandbox.url);
    const second = await tokenRequest(sandbox.url, apps.demo, {
      grant_type: jwtBearer,
      assertion: sandbox.jwts.demo,
    });
    const third = await tokenRequest(sandbox.url, apps.demo, {
      grant_type: jwtBearer,
      assertion: sandbox.jwts.demo,
    });

    expect([first.status, second.status, third.status]).toEqual([503, 503, 200]);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(await first.json()).toMatchObject({ errorCode: 'CMN-201' });
  });

  it('fails only the requests under a path prefix, with 500', async () => {
    const sandbox = await start();
    await sandbox.admin.failNext({ count: 1, status: 500, pathPrefix: '/restapi/v1.0/' });

    const tokens = await exchange(sandbox.url, sandbox.jwts.demo);
    const failed = await getExtension(sandbox.url, tokens.access_token);
    const fine = await getExtension(sandbox.url, tokens.access_token);

    expect([failed.status, fine.status]).toEqual([500, 200]);
    expect(failed.headers.get('retry-after')).toBeNull();
    expect(await failed.json()).toMatchObject({ errorCode: 'CMN-500' });
  });

  it('refuses valid tokens at the API with 401 TokenInvalid, as for a revoked one', async () => {
    const sandbox = await start();
    const tokens = await exchange(sandbox.url, sandbox.jwts.demo);
    await sandbox.admin.failNext({ count: 2, status: 401, pathPrefix: '/restapi/v1.0/' });

    const refused = await getExtension(sandbox.url, tokens.access_token);
    const again = await getExtension(sandbox.url, tokens.access_token);
    const fine = await getExtension(sandbox.url, tokens.access_token);

    expect([refused.status, again.status, fine.status]).toEqual([401, 401, 200]);
    expect(errorCodeOf(await refused.json())).toBe('OAU-149');
  });

  it('answers a scripted 429 on RingCentral paths as its rate limit does (CMN-301), Retry-After 1 s by default', async () => {
    const sandbox = await start();
    await sandbox.admin.failNext({ status: 429, pathPrefix: '/restapi/oauth/' });

    const throttled = await tokenRequest(sandbox.url, apps.demo, {
      grant_type: jwtBearer,
      assertion: sandbox.jwts.demo,
    });
    const fine = await tokenRequest(sandbox.url, apps.demo, {
      grant_type: jwtBearer,
      assertion: sandbox.jwts.demo,
    });

    expect([throttled.status, fine.status]).toEqual([429, 200]);
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(errorCodeOf(await throttled.json())).toBe('CMN-301');
  });

  it('adds latency to non-admin requests', async () => {
    const sandbox = await start();
    await sandbox.admin.setLatency(150);

    const started = performance.now();
    await fetch(`${sandbox.url}/restapi/oauth/jwks`);
    const elapsed = performance.now() - started;

    expect(elapsed).toBeGreaterThanOrEqual(140);
  });
});

describe('down and up', () => {
  const refused = async (url: string) =>
    fetch(`${url}/restapi/oauth/jwks`).then(
      () => false,
      (error: { cause?: { code?: string } }) => error.cause?.code === 'ECONNREFUSED',
    );

  it('refuses connections while down and comes back on the same port with its state', async () => {
    const sandbox = await start();
    const tokens = await exchange(sandbox.url, sandbox.jwts.demo);

    await sandbox.down();
    const whileDown = await refused(sandbox.url);
    await sandbox.up();

    expect(whileDown).toBe(true);
    expect((await getExtension(sandbox.url, tokens.access_token)).status).toBe(200);
  });

  it('goes down from the admin API and comes back by itself', async () => {
    const sandbox = await start();

    await sandbox.admin.down({ upAfterMs: 200 });
    const whileDown = await refused(sandbox.url);
    await until(async () => !(await refused(sandbox.url)));

    expect(whileDown).toBe(true);
    expect((await fetch(`${sandbox.url}/restapi/oauth/jwks`)).status).toBe(200);
  });

  it('comes back through the in-process admin client', async () => {
    const sandbox = await start();

    await sandbox.admin.down();
    expect(await refused(sandbox.url)).toBe(true);
    await sandbox.admin.up();

    expect((await fetch(`${sandbox.url}/restapi/oauth/jwks`)).status).toBe(200);
  });
});
