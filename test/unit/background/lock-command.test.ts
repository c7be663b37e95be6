// The lock shortcut: the command handler, and the worker entry wiring it at the top level to the
// session's lock (the platform adapters are replaced; the session, router and vault are real).
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { LOCK_COMMAND, onLockCommand } from '../../../src/background/lock-command';

const registered = vi.hoisted(() => ({
  command: undefined as ((name: string) => void) | undefined,
  message: undefined as ((message: unknown, sender: object) => Promise<unknown>) | undefined,
}));

vi.mock('../../../src/platform/commands', () => ({
  onCommand: (listener: (name: string) => void) => {
    registered.command = listener;
  },
}));
vi.mock('../../../src/platform/runtime', () => ({
  extensionId: () => 'ext-id',
  extensionOrigin: () => 'chrome-extension://ext-id',
  onMessage: (handler: (message: unknown, sender: object) => Promise<unknown>) => {
    registered.message = handler;
  },
  onStartup: () => {},
  onInstalled: () => {},
}));
vi.mock('../../../src/platform/storage', async () => {
  const { memoryArea } = await import('../support/memory-area');
  return { sessionArea: memoryArea(), localArea: memoryArea() };
});
vi.mock('../../../src/platform/alarms', () => ({
  setAlarm: async () => {},
  clearAlarm: async () => {},
  onAlarm: () => {},
}));
vi.mock('../../../src/platform/action', () => ({ setBadge: async () => {} }));
vi.mock('../../../src/platform/dnr', () => ({
  getSessionRules: async () => [],
  updateSessionRules: async () => {},
}));
vi.mock('../../../src/platform/idle', () => ({ onIdleStateChanged: () => {} }));
vi.mock('../../../src/platform/permissions', () => ({
  hasHostAccess: async () => true,
  onHostAccessChanged: () => {},
}));
vi.mock('../../../src/platform/web-request', () => ({
  onRequestStarted: () => {},
  onRequestCompleted: () => {},
  onRequestFailed: () => {},
}));

const popup = {
  id: 'ext-id',
  url: 'chrome-extension://ext-id/src/popup/index.html',
  origin: 'chrome-extension://ext-id',
  frameId: 0,
};

async function send(type: string, payload: object = {}) {
  if (!registered.message) throw new Error('no message listener registered');
  return (await registered.message({ type, payload }, popup)) as { ok: boolean; value?: { state: string } };
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
    expect(registered.command).toBeTypeOf('function');

    expect(await send('vault.create', { password: 'correct horse', kdf: 'pbkdf2-600k' })).toMatchObject({
      ok: true,
      value: { state: 'unlocked' },
    });
    registered.command?.('not-ours');
    expect((await send('vault.status')).value?.state).toBe('unlocked');
    registered.command?.(LOCK_COMMAND);
    await vi.waitFor(async () => expect((await send('vault.status')).value?.state).toBe('locked'));
  });
});
