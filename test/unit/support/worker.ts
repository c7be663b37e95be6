// A whole worker for unit tests: router, handlers and session together, with real crypto and
// fake-indexeddb; only the browser storage areas, alarms and rules are faked (the platform
// boundary). idb checks requests against the global IDB classes: install them; each worker
// still gets its own factory.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createAutoAuth } from '../../../src/background/auto-auth';
import { createHandlers } from '../../../src/background/handlers';
import { createRouter } from '../../../src/background/router';
import { createVaultSession } from '../../../src/background/vault-session';
import type { FetchLike } from '../../../src/core/tokens';
import { openVaultDb } from '../../../src/core/vault';
import type { Envelope } from '../../../src/shared/messages';
import { fakeAlarms, fakeRules, fakeTabs, memoryArea } from './memory-area';

export const self = { id: 'ext-id', origin: 'chrome-extension://ext-id' };
export const popupSender = {
  id: self.id,
  url: `${self.origin}/src/popup/index.html`,
  origin: self.origin,
  frameId: 0,
};
// Tests use the PBKDF2 preset: at the floor, and fast enough to create many vaults.
export const KDF = 'pbkdf2-600k';

export function jwtWith(marker: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${part({ sub: '42', exp: 3_900_000_000, jti: marker })}.${Buffer.from(marker).toString('base64url')}`;
}

/** A worker over shared "browser" state; call restart() to simulate a killed service worker. */
export function worker(
  shared = { factory: new IDBFactory(), session: memoryArea(), local: memoryArea(), alarms: fakeAlarms() },
  /** The network the worker's token and test requests go to; none answers by default. */
  network: { fetch?: FetchLike } = {},
) {
  let clock = 1_700_000_000_000;
  const session = createVaultSession({
    db: () => openVaultDb(shared.factory),
    session: shared.session,
    local: shared.local,
    alarms: shared.alarms,
    now: () => clock,
  });
  const autoAuth = createAutoAuth({
    vault: session,
    store: shared.session,
    alarms: shared.alarms,
    rules: fakeRules(),
    hostAccess: async () => true,
    tabs: fakeTabs(),
    fetch:
      network.fetch ??
      (async () => {
        throw new Error('no token endpoint in these tests');
      }),
  });
  session.subscribe({ afterUnlock: () => autoAuth.startAll(), beforeLock: () => autoAuth.lock() });
  const route = createRouter(createHandlers(session, autoAuth), () => self);
  const send = async (type: string, payload: unknown = {}, sender: object = popupSender) =>
    // biome-ignore lint/suspicious/noExplicitAny: replies of every request type are read field by field.
    (await route({ type, payload }, sender)) as Envelope<any>;
  const call = async (type: string, payload: unknown = {}) => {
    const reply = await send(type, payload);
    if (!reply.ok) throw new Error(`${type}: ${reply.error.code}`);
    return reply.value;
  };
  return {
    shared,
    send,
    call,
    advance: (ms: number) => {
      clock += ms;
    },
    restart: () => worker(shared, network),
  };
}
