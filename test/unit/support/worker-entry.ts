// Fakes of every platform module the worker entry (src/background/index.ts) imports. Each `on…`
// registration is recorded by name, so a test can load the entry as the browser would and fire
// its events. Used from vi.mock factories: `vi.mock(path, () => import(this).then((m) => m.X))`.
// A new platform import in the entry needs its fake here, or loading the entry fails.
import type { TabSnapshot } from '../../../src/core/rules/tool-tabs';
import { memoryArea } from './memory-area';

// biome-ignore lint/suspicious/noExplicitAny: listeners of every event shape are stored together.
type Listener = (...args: any[]) => unknown;

export const registered = new Map<string, Listener>();
const on = (name: string) => (listener: Listener) => {
  registered.set(name, listener);
};

/** What `queryTabs` answers; a test may hold it to keep the worker in start-up. */
export const tabsQuery = { answer: async (): Promise<TabSnapshot[]> => [] };

export const commands = { onCommand: on('onCommand') };
export const runtime = {
  extensionId: () => 'ext-id',
  extensionOrigin: () => 'chrome-extension://ext-id',
  onMessage: on('onMessage'),
  onStartup: on('onStartup'),
  onInstalled: on('onInstalled'),
};
export const storage = {
  sessionArea: memoryArea(),
  localArea: memoryArea(),
  onSessionChanged: on('onSessionChanged'),
};
export const alarms = { setAlarm: async () => {}, clearAlarm: async () => {}, onAlarm: on('onAlarm') };
/** Every badge the worker set, in order. */
export const badges: { text: string; title: string }[] = [];
export const action = {
  setBadge: async (text: string, _color: string, title: string) => {
    badges.push({ text, title });
  },
};
export const dnr = { getSessionRules: async () => [], updateSessionRules: async () => {} };
export const idle = { onIdleStateChanged: on('onIdleStateChanged') };
export const permissions = {
  hasHostAccess: async () => true,
  grantedOrigins: async () => [],
  onHostAccessChanged: on('onHostAccessChanged'),
};
export const ports = { onConnect: on('onConnect') };
export const tabs = {
  queryTabs: () => tabsQuery.answer(),
  getTab: async () => undefined,
  onTabCommitted: on('onTabCommitted'),
  onTabRemoved: on('onTabRemoved'),
  onTabReplaced: on('onTabReplaced'),
};
export const webRequest = {
  onRequestSent: on('onRequestSent'),
  onRequestCompleted: on('onRequestCompleted'),
  onRequestFailed: on('onRequestFailed'),
  onNavigationStarted: on('onNavigationStarted'),
  onNavigationEnded: on('onNavigationEnded'),
};

export const popupSender = {
  id: 'ext-id',
  url: 'chrome-extension://ext-id/src/popup/index.html',
  origin: 'chrome-extension://ext-id',
  frameId: 0,
};
