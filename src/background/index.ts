// The service worker entry: it only wires listeners, at the top level so that every event
// that wakes the worker finds them registered. The work lives in the modules it imports.
import { openVaultDb, type VaultDb } from '../core/vault';
import { setBadge } from '../platform/action';
import { clearAlarm, onAlarm, setAlarm } from '../platform/alarms';
import { onCommand } from '../platform/commands';
import { getSessionRules, updateSessionRules } from '../platform/dnr';
import { onIdleStateChanged } from '../platform/idle';
import { hasHostAccess, onHostAccessChanged } from '../platform/permissions';
import { extensionId, extensionOrigin, onInstalled, onMessage, onStartup } from '../platform/runtime';
import { localArea, sessionArea } from '../platform/storage';
import { onRequestCompleted, onRequestFailed, onRequestStarted } from '../platform/web-request';
import { createAutoAuth } from './auto-auth';
import { onAutoLockAlarm, onSystemIdleState } from './auto-lock';
import { badgeFor } from './badge';
import { createHandlers } from './handlers';
import { onLockCommand } from './lock-command';
import { createRouter } from './router';
import { createVaultSession } from './vault-session';

let db: Promise<VaultDb> | undefined;
const alarms = { set: setAlarm, clear: clearAlarm };

const session = createVaultSession({
  db: () => {
    db ??= openVaultDb(indexedDB);
    return db;
  },
  session: sessionArea,
  local: localArea,
  alarms,
});

const autoAuth = createAutoAuth({
  vault: session,
  store: sessionArea,
  alarms,
  rules: { get: getSessionRules, update: updateSessionRules },
  hostAccess: hasHostAccess,
  fetch: (input, init) => fetch(input, init),
  onChange: () => void updateBadge(),
});

async function updateBadge(): Promise<void> {
  const { text, color, title } = badgeFor(await session.status(), await autoAuth.statuses());
  await setBadge(text, color, title).catch(() => {});
}

session.subscribe({
  afterUnlock: () => autoAuth.startAll(),
  beforeLock: () => autoAuth.lock(),
});

const route = createRouter(createHandlers(session, autoAuth), () => ({
  id: extensionId(),
  origin: extensionOrigin(),
}));

onMessage(async (message, sender) => {
  const reply = await route(message, sender);
  void updateBadge();
  return reply;
});

onAlarm(async (name) => {
  if (!(await autoAuth.onAlarm(name))) await onAutoLockAlarm(session, name);
});
onIdleStateChanged((state) => void onSystemIdleState(session, state));
onCommand((name) => void onLockCommand(session, name).then(updateBadge));
onRequestStarted((requestId) => autoAuth.onRequestStarted(requestId));
onRequestCompleted((request) => void autoAuth.onRequestCompleted(request));
onRequestFailed((requestId) => autoAuth.onRequestFailed(requestId));
onHostAccessChanged(() => void autoAuth.reconcile());

// storage.session is already empty after a browser restart; locking again also clears the
// auto-lock alarm, which would otherwise survive the restart.
onStartup(() => void session.lock());
onInstalled(() => void autoAuth.reconcile());

// Session rules outlive a sleeping worker: every start brings them in line with the tokens.
void autoAuth.reconcile().then(updateBadge);
