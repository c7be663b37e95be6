// The Auth rate-limit group: 5 requests per user per minute, then a penalty each request restarts.

import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../sandbox/index';
import { apps, exchange, jwtBearer, revoke, start, tokenRequest } from './helpers';

describe('Auth rate-limit group', () => {
  it('counts down in headers, then refuses with 429, Retry-After and CMN-301', async () => {
    const sandbox = await start({ clock: createManualClock() });
    const login = () =>
      tokenRequest(sandbox.url, apps.demo, { grant_type: jwtBearer, assertion: sandbox.jwts.demo });

    const remaining: (string | null)[] = [];
    for (let i = 0; i < 5; i++) remaining.push((await login()).headers.get('x-rate-limit-remaining'));
    const refused = await login();

    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.headers.get('x-rate-limit-group')).toBe('Auth');
    expect(refused.headers.get('x-rate-limit-limit')).toBe('5');
    expect(refused.headers.get('x-rate-limit-window')).toBe('60');
    expect(await refused.json()).toEqual({
      errorCode: 'CMN-301',
      message: 'Request rate exceeded',
      errors: [{ errorCode: 'CMN-301', message: 'Request rate exceeded' }],
    });
  });

  it('restarts the 60 s penalty on every request inside it', async () => {
    const clock = createManualClock();
    const sandbox = await start({ clock });
    const login = async () =>
      (await tokenRequest(sandbox.url, apps.demo, { grant_type: jwtBearer, assertion: sandbox.jwts.demo }))
        .status;
    for (let i = 0; i < 5; i++) await login();

    const statuses = [await login()]; // starts the penalty
    clock.advance(59_000);
    statuses.push(await login()); // inside: restarts it
    clock.advance(59_000);
    statuses.push(await login()); // still inside thanks to the restart
    clock.advance(60_000);
    statuses.push(await login()); // served

    expect(statuses).toEqual([429, 429, 429, 200]);
  });

  it('lets the window slide: old requests stop counting after a minute', async () => {
    const clock = createManualClock();
    const sandbox = await start({ clock });
    for (let i = 0; i < 5; i++) await exchange(sandbox.url, sandbox.jwts.demo);
    clock.advance(60_001);

    const tokens = await exchange(sandbox.url, sandbox.jwts.demo);

    expect(tokens.access_token).toBeTruthy();
  });

  it('counts per user across apps and revokes, and leaves other users alone', async () => {
    const sandbox = await start({ clock: createManualClock() });
    const tokens = await exchange(sandbox.url, sandbox.jwts.demo);
    await exchange(sandbox.url, sandbox.jwts.demo, apps.public);
    await exchange(sandbox.url, sandbox.jwts.demo, apps.noRefresh);
    await revoke(sandbox.url, tokens.access_token);
    await exchange(sandbox.url, sandbox.jwts.demo);

    const alice = await tokenRequest(sandbox.url, apps.public, {
      grant_type: jwtBearer,
      assertion: sandbox.jwts.demo,
    });
    const bob = await tokenRequest(sandbox.url, apps.demo, {
      grant_type: jwtBearer,
      assertion: sandbox.jwts.bob,
    });

    expect([alice.status, bob.status]).toEqual([429, 200]);
  });

  it('does not count admin requests or API calls', async () => {
    const sandbox = await start({ clock: createManualClock() });
    const tokens = await exchange(sandbox.url, sandbox.jwts.demo);
    for (let i = 0; i < 10; i++) {
      await sandbox.admin.state();
      await fetch(`${sandbox.url}/restapi/v1.0/account/~`, {
        headers: { Authorization: `Bearer ${tokens.access_token}` },
      });
    }

    const next = await tokenRequest(sandbox.url, apps.demo, {
      grant_type: jwtBearer,
      assertion: sandbox.jwts.demo,
    });

    expect(next.headers.get('x-rate-limit-remaining')).toBe('3');
  });

  it('can be switched off, tightened, or triggered for everyone by the admin', async () => {
    const sandbox = await start({ rateLimit: false });
    const login = () =>
      tokenRequest(sandbox.url, apps.demo, { grant_type: jwtBearer, assertion: sandbox.jwts.demo });
    for (let i = 0; i < 7; i++) expect((await login()).status).toBe(200);
    expect((await login()).headers.get('x-rate-limit-group')).toBeNull();

    await sandbox.admin.setRateLimit({ limit: 1 });
    const tightened = [(await login()).status, (await login()).status];
    await sandbox.admin.setRateLimit(false);
    await sandbox.admin.setRateLimit({});
    await sandbox.admin.rateLimitNow();
    const bob = await tokenRequest(sandbox.url, apps.demo, {
      grant_type: jwtBearer,
      assertion: sandbox.jwts.bob,
    });

    expect(tightened).toEqual([200, 429]);
    expect(bob.status).toBe(429);
  });
});
