// Asking for host access from the popup: injection needs it for a connection's API and tool
// hosts, and the browser grants it only when asked from an extension page inside a click.
import { originsNeeded } from '../core/rules/host-patterns';
import type { Connection } from '../core/vault/model';
import { requestHostAccess } from '../platform/permissions';

/** `tokenUrl`: the credential's own token URL, for the kinds that have one. */
type Hosts = Pick<Connection, 'apiBaseUrl' | 'toolOrigins'> & { tokenUrl?: string };

/**
 * The patterns to ask for: every host the connection needs, the manifest's local hosts included.
 * A user can withdraw those too (Chrome's site access, Firefox's add-on permissions), and Grant
 * access must then bring them back; for hosts still granted the browser answers at once, unasked.
 */
export function patternsToAsk(connection: Hosts): string[] {
  return originsNeeded(connection, connection.tokenUrl);
}

/**
 * Asks the browser for the connection's hosts; true when granted (or nothing to ask), false when
 * refused or when the browser would not ask. Call it synchronously from the click or submit
 * handler, before any `await`: outside the user gesture the browser refuses without asking.
 */
export function askHostAccess(connection: Hosts): Promise<boolean> {
  const patterns = patternsToAsk(connection);
  if (patterns.length === 0) return Promise.resolve(true);
  try {
    return requestHostAccess(patterns).catch(() => false);
  } catch {
    return Promise.resolve(false);
  }
}
