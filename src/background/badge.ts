// The toolbar badge: nothing while locked, "on" while unlocked, the number of connections in
// error when some fail, so a broken token shows without opening the popup.
import type { ConnectionStatusView, VaultStatus } from '../shared/messages';

export interface Badge {
  text: string;
  color: string;
  title: string;
}

export function badgeFor(vault: VaultStatus, connections: ConnectionStatusView[]): Badge {
  if (vault.state !== 'unlocked') {
    return {
      text: '',
      color: '#57606a',
      title: vault.state === 'locked' ? 'JWT Vault: locked' : 'JWT Vault',
    };
  }
  const failing = connections.filter(
    (c) => c.enabled && (c.state === 'failed' || c.state === 'backing-off' || c.permissionMissing),
  ).length;
  if (failing > 0) {
    return {
      text: String(failing),
      color: '#b3261e',
      title: `JWT Vault: unlocked, ${failing} connection${failing === 1 ? '' : 's'} not injecting`,
    };
  }
  return { text: 'on', color: '#1a7f37', title: 'JWT Vault: unlocked' };
}
