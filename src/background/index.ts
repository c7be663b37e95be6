// The service worker entry: it only wires listeners, at the top level so that every event
// that wakes the worker finds them registered. The work lives in the modules it imports.
import { openVaultDb, type VaultDb } from '../core/vault';
import { clearAlarm, onAlarm, setAlarm } from '../platform/alarms';
import { onIdleStateChanged } from '../platform/idle';
import { extensionId, extensionOrigin, onMessage, onStartup } from '../platform/runtime';
import { localArea, sessionArea } from '../platform/storage';
import { onAutoLockAlarm, onSystemIdleState } from './auto-lock';
import { createHandlers } from './handlers';
import { createRouter } from './router';
import { createVaultSession } from './vault-session';

let db: Promise<VaultDb> | undefined;

const session = createVaultSession({
  db: () => {
    db ??= openVaultDb(indexedDB);
    return db;
  },
  session: sessionArea,
  local: localArea,
  alarms: { set: setAlarm, clear: clearAlarm },
});

const route = createRouter(createHandlers(session), () => ({
  id: extensionId(),
  origin: extensionOrigin(),
}));

onMessage(route);

onAlarm((name) => void onAutoLockAlarm(session, name));
onIdleStateChanged((state) => void onSystemIdleState(session, state));

// storage.session is already empty after a browser restart; locking again also clears the
// auto-lock alarm, which would otherwise survive the restart.
onStartup(() => void session.lock());
