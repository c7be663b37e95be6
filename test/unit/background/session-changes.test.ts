// The worker entry's answer to storage.session changes: a token state or a lock changes what the
// badge and the pages show, so both are read again; the vault's clock moving (each use re-arms
// auto-lock) changes neither, and reading every status for it would slow each popup open.
import 'fake-indexeddb/auto';
import '../support/mock-worker-platform';
import { describe, expect, it } from 'vitest';

const { registered, popupSender, badges } = await import('../support/worker-entry');

/** Lets every pending callback and timer that is due run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function sessionChanged(keys: string[]) {
  const listener = registered.get('onSessionChanged');
  if (!listener) throw new Error('no session listener registered');
  return listener(keys);
}

describe('storage.session changes in the worker', () => {
  it('sets the badge again after a token change, not after the lock time moved', async () => {
    await import('../../../src/background/index');
    const message = registered.get('onMessage');
    const created = (await message?.(
      { type: 'vault.create', payload: { password: 'correct horse', kdf: 'pbkdf2-600k' } },
      popupSender,
    )) as { ok: boolean };
    expect(created.ok).toBe(true);
    await sessionChanged(['vault.dataKey', 'vault.autoLockAt']);
    await settle();
    const before = badges.length;
    expect(badges.at(-1)?.title).toBe('JWT Vault: unlocked');

    await sessionChanged(['vault.autoLockAt']);
    await sessionChanged(['vault.autoLockAt', 'vault.confirmed']);
    await settle();
    expect(badges).toHaveLength(before);

    await sessionChanged(['token.k1']);
    await settle();
    expect(badges).toHaveLength(before + 1);
  });
});
