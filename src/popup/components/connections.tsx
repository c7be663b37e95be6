// Home's list of auto-auth connections: one compact card each (connection-card.tsx), five of
// them in view without scrolling, and the one way to add another (its own page, #/home/new).
import { usePopupState } from '../context';
import { useNow } from '../hooks/use-now';
import { NEW_CONNECTION } from '../navigation';
import { ConnectionCard } from './connection-card';
import { NEW_CONNECTION_PAGE } from './connection-pages';
import { Plus } from './icons';
import { RouteLink } from './route-link';

export function Connections() {
  const { connections } = usePopupState();
  const now = useNow();

  return (
    <section aria-labelledby="connections-title">
      <h2 id="connections-title">Connections</h2>
      {connections.value.length === 0 ? (
        <p>
          No connections yet. A connection sends a credential's token to your API from the tools you allow.
        </p>
      ) : (
        <ul class="connections">
          {connections.value.map((row) => (
            <ConnectionCard key={row.id} row={row} now={now.value} />
          ))}
        </ul>
      )}
      {/* The view's one filled action, a link to its page as on the other views. */}
      <div class="actions view-actions">
        <RouteLink view="home" item={NEW_CONNECTION} class="button" before={NEW_CONNECTION_PAGE.load}>
          <Plus /> Add connection
        </RouteLink>
      </div>
    </section>
  );
}
