// The host-permission patterns a connection needs: injection acts only where the extension has
// host access to both the API and the calling tool page. Pure; imported by the worker (to report
// "permission missing") and the popup (to ask for exactly these when a connection is saved).
import type { Connection } from '../vault/model';

/**
 * One `scheme://host/*` pattern for the API, for every tool origin and for the credential's own
 * token URL when it has one, without repeats. The worker's token requests need host access there:
 * most providers' token endpoints send no CORS headers to an extension, and host access lets the
 * worker's request past CORS.
 */
export function originsNeeded(
  connection: Pick<Connection, 'apiBaseUrl' | 'toolOrigins'>,
  tokenUrl?: string,
): string[] {
  // Host permissions ignore the port: one pattern covers every port of the host.
  const pattern = (url: string) => {
    const { protocol, hostname } = new URL(url);
    return `${protocol}//${hostname}/*`;
  };
  const token = tokenUrl === undefined ? [] : [pattern(tokenUrl)];
  return [...new Set([pattern(connection.apiBaseUrl), ...connection.toolOrigins.map(pattern), ...token])];
}
