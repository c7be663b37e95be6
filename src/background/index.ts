// The service worker entry: it only wires listeners, at the top level so that every event
// that wakes the worker finds them registered, each behind the one start-up promise (start-up.ts).
// The work lives in the modules it imports.
import { openVaultDb, type VaultDb } from '../core/vault';
import { setBadge } from '../platform/action';
import '../platform/argon2id-off-thread';
import { clearAlarm, onAlarm, setAlarm } from '../platform/alarms';
import { onCommand } from '../platform/commands';
import { getSessionRules, updateSessionRules } from '../platform/dnr';
import { onIdleStateChanged } from '../platform/idle';
import { grantedOrigins, hasHostAccess, onHostAccessChanged } from '../platform/permissions';
import { onConnect } from '../platform/ports';
import { extensionId, extensionOrigin, onInstalled, onMessage, onStartup } from '../platform/runtime';
import { localArea, onSessionChanged, sessionArea } from '../platform/storage';
import { getTab, onTabCommitted, onTabRemoved, onTabReplaced, queryTabs } from '../platform/tab-watch';
import {
  onNavigationEnded,
  onNavigationStarted,
  onRequestCompleted,
  onRequestFailed,
  onRequestSent,
} from '../platform/web-request';
import { isActivityKey } from './activity-log';
import { createAutoAuth } from './auto-auth';
import { onAutoLockAlarm, onSystemIdleState } from './auto-lock';
import { badgeFor } from './badge';
import { createHandlers } from './handlers';
import { latestOnly } from './latest-only';
import { onLockCommand } from './lock-command';
import { createRouter } from './router';
import { createStartUp } from './start-up';
import { createStatusPush } from './status-push';
import { createVaultSession, onlyVaultClock } from './vault-session';

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
  grantedOrigins,
  tabs: { query: queryTabs, get: getTab },
  ownOrigin: extensionOrigin(),
  fetch: (input, init) => fetch(input, init),
  onChange: () => {
    badge();
    push.notify();
  },
  onActivity: (seq) => push.notifyActivity(seq),
});

async function updateBadge(): Promise<void> {
  const { text, color, title } = badgeFor(await session.status(), await autoAuth.statuses());
  await setBadge(text, color, title).catch(() => {});
}
// The badge follows the same changes as the pages (below), not every message: a popup's readings
// change nothing, and each badge costs a reading of every connection's status.
const badge = latestOnly(updateBadge);

session.subscribe({
  afterUnlock: () => autoAuth.startAll(),
  beforeLock: () => autoAuth.lock(),
});

const self = () => ({ id: extensionId(), origin: extensionOrigin() });
const route = createRouter(createHandlers(session, autoAuth), self);

// Open popups hear every change: token states and the vault's key live in storage.session, so
// its change events cover unlock, every lock path and each exchange; onChange covers the rules.
const push = createStatusPush({
  vaultStatus: () => session.status(),
  statuses: () => autoAuth.statuses(),
  self,
});
// Session rules outlive a sleeping worker: every start brings them in line with the saved tokens
// and the open tabs, before any event is handled.
const { afterStart } = createStartUp(() => autoAuth.reconcile().then(updateBadge));

onConnect(afterStart((port) => push.connect(port)));
onSessionChanged(
  afterStart((all) => {
    // The activity log's pages change with every tool request and are no status of anything.
    const keys = all.filter((key) => !isActivityKey(key));
    if (keys.length === 0) return;
    // Each use of the vault moves its auto-lock time: the pages show the new time, and nothing
    // else changed, so the statuses and the badge are not read again.
    if (onlyVaultClock(keys)) return push.notifyVault();
    autoAuth.sessionChanged();
    badge();
    push.notify();
  }),
);

onMessage(afterStart((message, sender) => route(message, sender)));

onAlarm(
  afterStart(async (name) => {
    if (!(await autoAuth.onAlarm(name))) await onAutoLockAlarm(session, name);
  }),
);
onIdleStateChanged(afterStart((state) => onSystemIdleState(session, state)));
onCommand(afterStart((name) => onLockCommand(session, name).then(updateBadge)));
onRequestSent(afterStart((request) => autoAuth.requests.sent(request)));
onRequestCompleted(afterStart((request) => autoAuth.requests.answered(request)));
onRequestFailed(afterStart((request) => autoAuth.requests.failed(request)));
onNavigationStarted(afterStart((tabId, url) => autoAuth.tabs.navigating(tabId, url)));
onNavigationEnded(afterStart((tabId) => autoAuth.tabs.reread(tabId)));
onTabCommitted(afterStart((tabId, url) => autoAuth.tabs.committed(tabId, url)));
onTabRemoved(afterStart((tabId) => autoAuth.tabs.removed(tabId)));
onTabReplaced(
  afterStart(async (added, removed) => {
    await autoAuth.tabs.removed(removed);
    await autoAuth.tabs.reread(added);
  }),
);
onHostAccessChanged(afterStart(() => autoAuth.permissionsChanged()));

// storage.session is already empty after a browser restart; locking again also clears the
// auto-lock alarm, which would otherwise survive the restart.
onStartup(afterStart(() => session.lock()));
onInstalled(afterStart(() => autoAuth.reconcile()));
