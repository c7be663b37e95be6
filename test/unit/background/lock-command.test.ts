// The lock shortcut: the command handler, and the worker entry wiring it at the top level to the
// session's lock (the platform adapters are replaced; the session, router and vault are real).
import 'fake-indexeddb/auto';
import '../support/mock-worker-platform';
import { describe, expect, it, vi } from 'vitest';
import { LOCK_COMMAND, onLockCommand } from '../../../src/background/lock-command';

const fakes = () => import('../support/worker-entry');

const { registered, popupSender: popup } = await fakes();
const command = () => registered.get('onCommand');

async function send(type: string, payload: object = {}) {
  const message = registered.get('onMessage');
  if (!message) throw new Error('no message listener registered');
  return (await message({ type, payload }, popup)) as { ok: boolean; value?: { state: string } };
}

describe('lock command', () => {
  it('locks on "lock-vault" and ignores other commands', async () => {
    const vault = { lock: vi.fn(async () => {}) };
    await onLockCommand(vault, 'something-else');
    expect(vault.lock).not.toHaveBeenCalled();
    await onLockCommand(vault, LOCK_COMMAND);
    expect(vault.lock).toHaveBeenCalledOnce();
  });

  it('is registered by the worker entry at the top level and locks the unlocked vault', async () => {
    await import('../../../src/background/index');
    // Registered while the module ran: an event that wakes the worker finds the listener.
    expect(command()).toBeTypeOf('function');

    expect(await send('vault.create', { password: 'correct horse', kdf: 'pbkdf2-600k' })).toMatchObject({
      ok: true,
      value: { state: 'unlocked' },
    });
    await command()?.('not-ours');
    expect((await send('vault.status')).value?.state).toBe('unlocked');
    await command()?.(LOCK_COMMAND);
    await vi.waitFor(async () => expect((await send('vault.status')).value?.state).toBe('locked'));
  });
});
