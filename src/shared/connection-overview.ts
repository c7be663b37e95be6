// Joins the connections with their status and the names of their credential and app, as the
// home view shows them. Pure; the worker answers `connections.overview` with it.
import type { Connection } from '../core/vault/model';
import type { AppView, ConnectionOverview, ConnectionStatusView, CredentialView } from './messages';

/** What the overview names of a credential: its label, and its own token URL if it has one. */
export type CredentialName = Pick<CredentialView, 'id' | 'label'> & { tokenUrl?: string };

/** The connections in their listed order; one without a status (just deleted) is left out. */
export function connectionOverview(
  connections: Connection[],
  statuses: ConnectionStatusView[],
  credentials: CredentialName[],
  apps: Pick<AppView, 'id' | 'name' | 'clientId'>[],
): ConnectionOverview[] {
  const byCredential = new Map(credentials.map((c) => [c.id, c]));
  const appsById = new Map(apps.map((a) => [a.id, a]));
  const byId = new Map(statuses.map((s) => [s.connectionId, s]));
  return connections.flatMap((c) => {
    const status = byId.get(c.id);
    if (!status) return [];
    const app = c.appId === undefined ? undefined : appsById.get(c.appId);
    const credential = byCredential.get(c.credentialId);
    return [
      {
        id: c.id,
        credentialId: c.credentialId,
        ...(c.appId === undefined ? {} : { appId: c.appId }),
        credentialLabel: credential?.label ?? 'Unknown credential',
        ...(credential?.tokenUrl ? { tokenUrl: credential.tokenUrl } : {}),
        ...(app ? { app: { name: app.name, clientId: app.clientId } } : {}),
        apiBaseUrl: c.apiBaseUrl,
        toolOrigins: c.toolOrigins,
        status,
      },
    ];
  });
}
