// Dropping tokens: purge on edit or delete, lockAll, best-effort revocation that never throws
// and is never retried, and requests that come back after the lock.
import { describe, expect, it } from 'vitest';
import { VaultError } from '../../../../src/core/errors';
import { seedApps, until } from './fixtures';
import { harness } from './harness';

describe('token manager: purge', () => {
  it('drops the token, tells the listener, cancels the wake-up and revokes the session', async () => {
    const h = await harness();
    const token = await h.manager.ensureToken('conn-1');

    const report = await h.manager.purge('conn-1', { revoke: true });

    expect(report).toEqual({ connectionId: 'conn-1', outcome: { revoked: true } });
    expect(h.events.at(-1)).toEqual(['conn-1', undefined]);
    expect(h.scheduler.pending.has('conn-1')).toBe(false);
    expect(await h.manager.status('conn-1')).toEqual({ state: 'idle', generation: 1 });
    expect((await h.store.load('conn-1'))?.tokens).toBeUndefined();
    expect(await h.apiStatus(token.accessToken)).toBe(401);
    // The revoke went to the app that issued the token, with the refresh token (it outlives the other).
    const revoke = h.seen.find((request) => request.url.endsWith('/oauth/revoke'))!;
    expect(revoke.headers.authorization).toMatch(/^Basic /);
  });

  it('keeps counting generations, so a 401 for an old token never matches a new one', async () => {
    const h = await harness();
    await h.manager.ensureToken('conn-1');
    await h.manager.purge('conn-1', { revoke: false });

    const next = await h.manager.ensureToken('conn-1');

    expect(next.generation).toBe(2);
    await h.manager.onUnauthorized('conn-1', 1);
    expect(h.tokenRequests()).toBe(2);
  });

  it('does not revoke when not asked to', async () => {
    const h = await harness();
    const token = await h.manager.ensureToken('conn-1');

    expect(await h.manager.purge('conn-1', { revoke: false })).toEqual({ connectionId: 'conn-1' });
    expect(h.revokeRequests()).toBe(0);
    expect(await h.apiStatus(token.accessToken)).toBe(200);
  });

  it('resolves when the revoke fails, with the outcome, and does not retry it', async () => {
    const h = await harness();
    await h.manager.ensureToken('conn-1');
    await h.sandbox.down();

    const report = await h.manager.purge('conn-1', { revoke: true });

    expect(report.outcome).toMatchObject({ revoked: false, code: 'NETWORK' });
    expect(h.revokeRequests()).toBe(1);
    expect(h.scheduler.pending.size).toBe(0);
  });

  it('revokes at the server that issued the token even after the app was edited', async () => {
    const h = await harness();
    await h.manager.ensureToken('conn-1');
    h.configs.set('conn-1', h.config('conn-1', seedApps.public));

    await h.manager.purge('conn-1', { revoke: true });

    const revoke = h.seen.find((request) => request.url.endsWith('/oauth/revoke'))!;
    expect(revoke.headers.authorization).toBe(
      `Basic ${Buffer.from(`${seedApps.demo.clientId}:${seedApps.demo.clientSecret}`).toString('base64')}`,
    );
  });

  it('discards and revokes a token that arrives after the purge', async () => {
    const h = await harness();
    h.hold();
    const pending = h.manager.ensureToken('conn-1');
    await until(async () => (await h.manager.status('conn-1')).state === 'exchanging');

    await h.manager.purge('conn-1', { revoke: true });
    h.release();

    await expect(pending).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await h.manager.status('conn-1')).toEqual({ state: 'idle', generation: 0 });
    expect(h.events).toEqual([]);
    await until(() => h.revokeRequests() === 1);
    expect((await h.sandbox.admin.state()).sessions).toHaveLength(0);
  });
});

describe('token manager: lockAll', () => {
  async function twoActive() {
    const h = await harness();
    h.configs.set('conn-2', h.config('conn-2', seedApps.public));
    const tokens = [await h.manager.ensureToken('conn-1'), await h.manager.ensureToken('conn-2')];
    return { h, tokens };
  }

  it('locks every connection, clears tokens and wake-ups, and revokes each session once', async () => {
    const { h, tokens } = await twoActive();

    const reports = await h.manager.lockAll({ revoke: true });

    expect(reports).toEqual([
      { connectionId: 'conn-1', outcome: { revoked: true } },
      { connectionId: 'conn-2', outcome: { revoked: true } },
    ]);
    expect(h.events.slice(-2)).toEqual([
      ['conn-1', undefined],
      ['conn-2', undefined],
    ]);
    expect(h.scheduler.pending.size).toBe(0);
    for (const id of ['conn-1', 'conn-2']) {
      expect(await h.manager.status(id)).toMatchObject({ state: 'locked' });
      expect((await h.store.load(id))?.tokens).toBeUndefined();
    }
    for (const token of tokens) expect(await h.apiStatus(token.accessToken)).toBe(401);
    expect(h.revokeRequests()).toBe(2);
  });

  it('resolves when every revoke fails, never retrying', async () => {
    const { h } = await twoActive();
    await h.sandbox.down();

    const reports = await h.manager.lockAll({ revoke: true });

    expect(reports.map((report) => report.outcome)).toEqual([
      expect.objectContaining({ revoked: false, code: 'NETWORK' }),
      expect.objectContaining({ revoked: false, code: 'NETWORK' }),
    ]);
    expect(h.revokeRequests()).toBe(2);
    expect(h.scheduler.pending.size).toBe(0);
  });

  it('skips revocation when the setting is off', async () => {
    const { h } = await twoActive();
    expect(await h.manager.lockAll({ revoke: false })).toEqual([
      { connectionId: 'conn-1' },
      { connectionId: 'conn-2' },
    ]);
    expect(h.revokeRequests()).toBe(0);
  });

  it('reaches tokens saved by a previous worker', async () => {
    const { h } = await twoActive();
    const restarted = h.makeManager();

    const reports = await restarted.lockAll({ revoke: true });

    expect(reports.filter((report) => report.outcome?.revoked)).toHaveLength(2);
  });

  it('ignores wake-ups and 401s while locked, and starts again on demand after unlock', async () => {
    const { h } = await twoActive();
    await h.manager.lockAll({ revoke: false });
    const before = h.tokenRequests();

    await h.manager.onScheduled('conn-1');
    await h.manager.onUnauthorized('conn-1', 1);
    h.failResolveWith(new VaultError('LOCKED', 'The vault is locked.'));
    await expect(h.manager.ensureToken('conn-1')).rejects.toMatchObject({ code: 'LOCKED' });
    expect(h.tokenRequests()).toBe(before);
    expect((await h.manager.status('conn-1')).state).toBe('locked');

    h.failResolveWith(undefined);
    const token = await h.manager.ensureToken('conn-1');
    expect(token.generation).toBe(2);
    expect((await h.manager.status('conn-1')).state).toBe('active');
  });

  it('rejects an in-flight request with LOCKED and revokes what it brings back', async () => {
    const h = await harness();
    h.hold();
    const pending = h.manager.ensureToken('conn-1');
    await until(async () => (await h.manager.status('conn-1')).state === 'exchanging');

    await h.manager.lockAll({ revoke: true });
    h.release();

    await expect(pending).rejects.toMatchObject({ code: 'LOCKED' });
    expect(await h.manager.status('conn-1')).toMatchObject({ state: 'locked' });
    expect(h.events).toEqual([]);
    await until(() => h.revokeRequests() === 1);
    expect((await h.sandbox.admin.state()).sessions).toHaveLength(0);
  });
});
