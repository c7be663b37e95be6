// The service worker entry: it only wires listeners, at the top level so that every event
// that wakes the worker finds them registered. The work lives in the modules it imports.
import { openVaultDb, type VaultDb } from '../core/vault';
import { clearAlarm, onAlarm, setAlarm } from '../platform/alarms';
import { onIdleStateChanged } from '../platform/idle';
import { extensionId, extensionOrigin, onMessage, onStartup } from '../platform/runtime';
import { localArea, sessionArea } from '../platform/storage';
import { createHandlers } from './handlers';
import { createRouter } from './router';
import { AUTO_LOCK_ALARM, createVaultSession } from './vault-session';

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

onAlarm((name) => {
  if (name === AUTO_LOCK_ALARM) void session.lock();
});

onIdleStateChanged(async (state) => {
  if (state !== 'locked') return;
  const records = await session.peek();
  if (records && (await records.getSettings()).lockOnSystemLock) await session.lock();
});

// storage.session is already empty after a browser restart; locking again also clears the
// auto-lock alarm, which would otherwise survive the restart.
onStartup(() => void session.lock());
