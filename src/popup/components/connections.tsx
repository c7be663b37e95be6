// Home's list of auto-auth connections: one compact card each (connection-card.tsx), five of
// them in view without scrolling, and the one way to add another (its own page, #/home/new).
import { usePopupState } from '../context';
import { useNow } from '../hooks/use-now';
import { useNavigation } from '../navigation-context';
import { ConnectionCard } from './connection-card';
import { Plus } from './icons';
import { NEW_CONNECTION } from './new-connection-page';

export function Connections() {
  const { connections } = usePopupState();
  const navigation = useNavigation();
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
      {/* The view's one filled button: what Home is for when nothing is connected yet. */}
      <button type="button" class="add-toggle" onClick={() => navigation.go('home', NEW_CONNECTION)}>
        <Plus /> Add connection
      </button>
    </section>
  );
}
