// Refresh rotation and its grace window, revoke, and the per-user-and-app session cap.

import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../sandbox/index';
import {
  apps,
  errorCodeOf,
  exchange,
  getExtension,
  refresh,
  revoke,
  start,
  type TokenBody,
  users,
} from './helpers';

async function refreshed(url: string, refreshToken: string): Promise<TokenBody> {
  const response = await refresh(url, refreshToken);
  expect(response.status).toBe(200);
  return (await response.json()) as TokenBody;
}

describe('refresh', () => {
  it('rotates both tokens and kills the previous access token at once', async () => {
    const sandbox = await start();
    const first = await exchange(sandbox.url, sandbox.jwts.demo);

    const second = await refreshed(sandbox.url, first.refresh_token!);

    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second).toMatchObject({
      owner_id: first.owner_id,
      endpoint_id: first.endpoint_id,
      expires_in: 3600,
    });
    expect((await getExtension(sandbox.url, first.access_token)).status).toBe(401);
    expect((await getExtension(sandbox.url, second.access_token)).status).toBe(200);
  });

  it('replays the same new tokens for the old refresh token until 10 s after the new access token is used', async () => {
    const clock = createManualClock();
    const sandbox = await start({ clock });
    const first = await exchange(sandbox.url, sandbox.jwts.demo);
    const second = await refreshed(sandbox.url, first.refresh_token!);

    // Not used yet: no grace clock is running, however long it takes.
    clock.advance(60_000);
    const replayBeforeUse = await refreshed(sandbox.url, first.refresh_token!);
    await getExtension(sandbox.url, second.access_token);
    clock.advance(9_999);
    const replayInGrace = await refreshed(sandbox.url, first.refresh_token!);
    clock.advance(1);
    const afterGrace = await refresh(sandbox.url, first.refresh_token!);

    for (const replay of [replayBeforeUse, replayInGrace]) {
      expect(replay.access_token).toBe(second.access_token);
      expect(replay.refresh_token).toBe(second.refresh_token);
    }
    expect(afterGrace.status).toBe(400);
    expect(errorCodeOf(await afterGrace.json())).toBe('OAU-213');
    // The new refresh token is unaffected by the old one's end.
    await refreshed(sandbox.url, second.refresh_token!);
  });

  it('forgets an older refresh token once the newer one is used', async () => {
    const sandbox = await start();
    const first = await exchange(sandbox.url, sandbox.jwts.demo);
    const second = await refreshed(sandbox.url, first.refresh_token!);
    await refreshed(sandbox.url, second.refresh_token!);

    const response = await refresh(sandbox.url, first.refresh_token!);

    expect(errorCodeOf(await response.json())).toBe('OAU-213');
  });

  it("refuses another app's refresh token as unknown", async () => {
    const sandbox = await start();
    const tokens = await exchange(sandbox.url, sandbox.jwts.demo);

    const response = await refresh(sandbox.url, tokens.refresh_token!, apps.public);

    expect(response.status).toBe(400);
    expect(errorCodeOf(await response.json())).toBe('OAU-213');
  });

  it('issues no refresh token to an app without "issue refresh tokens"', async () => {
    const sandbox = await start();

    const tokens = await exchange(sandbox.url, sandbox.jwts.demo, apps.noRefresh);

    expect(tokens).not.toHaveProperty('refresh_token');
    expect(tokens).not.toHaveProperty('refresh_token_expires_in');
    expect((await getExtension(sandbox.url, tokens.access_token)).status).toBe(200);
  });
});

describe('revoke', () => {
  it.each(['access', 'refresh'] as const)('ends the whole session given its %s token', async (kind) => {
    const sandbox = await start();
    const tokens = await exchange(sandbox.url, sandbox.jwts.demo);

    const response = await revoke(
      sandbox.url,
      kind === 'access' ? tokens.access_token : tokens.refresh_token!,
    );

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect((await getExtension(sandbox.url, tokens.access_token)).status).toBe(401);
    expect(errorCodeOf(await (await refresh(sandbox.url, tokens.refresh_token!)).json())).toBe('OAU-213');
    expect((await sandbox.admin.state()).sessions).toEqual([]);
  });

  it('answers 200 for unknown, missing and foreign tokens, and leaves foreign sessions alone', async () => {
    const sandbox = await start();
    const tokens = await exchange(sandbox.url, sandbox.jwts.demo);

    const unknown = await revoke(sandbox.url, 'U1BCunknown');
    const foreign = await revoke(sandbox.url, tokens.access_token, apps.public);

    expect([unknown.status, foreign.status]).toEqual([200, 200]);
    expect((await getExtension(sandbox.url, tokens.access_token)).status).toBe(200);
  });

  it('leaves the other sessions of the same user and app alive', async () => {
    const sandbox = await start();
    const one = await exchange(sandbox.url, sandbox.jwts.demo);
    const two = await exchange(sandbox.url, sandbox.jwts.demo);

    await revoke(sandbox.url, one.access_token);

    expect((await getExtension(sandbox.url, two.access_token)).status).toBe(200);
  });

  it('can be done by the admin, by session id', async () => {
    const sandbox = await start();
    const tokens = await exchange(sandbox.url, sandbox.jwts.demo);
    const [session] = (await sandbox.admin.state()).sessions;

    await sandbox.admin.revokeSession({ sessionId: session!.id });

    expect((await getExtension(sandbox.url, tokens.access_token)).status).toBe(401);
  });
});

describe('session cap', () => {
  it('keeps five sessions per user and app and evicts the oldest', async () => {
    const sandbox = await start({ rateLimit: false });
    const logins: TokenBody[] = [];
    for (let i = 0; i < 6; i++) logins.push(await exchange(sandbox.url, sandbox.jwts.demo));

    const statuses = await Promise.all(
      logins.map(async (t) => (await getExtension(sandbox.url, t.access_token)).status),
    );

    expect(statuses).toEqual([401, 200, 200, 200, 200, 200]);
    expect((await sandbox.admin.state()).sessions).toHaveLength(5);
  });

  it('counts each user and each app separately', async () => {
    const sandbox = await start({ rateLimit: false });
    for (let i = 0; i < 5; i++) await exchange(sandbox.url, sandbox.jwts.demo);
    const otherApp = await exchange(sandbox.url, sandbox.jwts.demo, apps.public);
    const otherUser = await exchange(sandbox.url, sandbox.jwts.bob);

    const { sessions } = await sandbox.admin.state();

    expect(sessions).toHaveLength(7);
    expect(
      sessions.filter((s) => s.userId === users.alice.id && s.clientId === apps.demo.clientId),
    ).toHaveLength(5);
    expect((await getExtension(sandbox.url, otherApp.access_token)).status).toBe(200);
    expect((await getExtension(sandbox.url, otherUser.access_token)).status).toBe(200);
  });
});
