import { describe, expect, it } from 'vitest';
import { badgeFor } from '../../../src/background/badge';
import type { ConnectionStatusView } from '../../../src/shared/messages';

const healthy: ConnectionStatusView = {
  connectionId: 'a',
  enabled: true,
  state: 'active',
  generation: 1,
  injecting: true,
  permissionMissing: false,
};

describe('toolbar badge', () => {
  it('is empty while locked or before a vault exists', () => {
    expect(badgeFor({ state: 'locked' }, [])).toMatchObject({ text: '', title: 'JWT Vault: locked' });
    expect(badgeFor({ state: 'uninitialized' }, [])).toMatchObject({ text: '' });
  });

  it('says "on" while unlocked and every connection injects', () => {
    expect(badgeFor({ state: 'unlocked' }, [healthy])).toMatchObject({ text: 'on' });
  });

  it('counts enabled connections that fail, back off or lack permission', () => {
    const connections: ConnectionStatusView[] = [
      healthy,
      { ...healthy, connectionId: 'b', state: 'failed', injecting: false },
      { ...healthy, connectionId: 'c', state: 'backing-off' },
      { ...healthy, connectionId: 'd', injecting: false, permissionMissing: true },
      { ...healthy, connectionId: 'e', enabled: false, state: 'failed' },
    ];
    expect(badgeFor({ state: 'unlocked' }, connections)).toMatchObject({
      text: '3',
      title: 'JWT Vault: unlocked, 3 connections not injecting',
    });
  });
});
