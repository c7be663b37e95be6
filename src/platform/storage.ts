// Adapters for browser.storage. `session` is memory only and reachable from trusted
// extension contexts only: the one place the unlocked data key may live. `local` is on disk
// and never receives a secret.
import browser, { type Storage } from 'webextension-polyfill';

export interface KeyValueArea {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

function wrap(area: Storage.StorageArea): KeyValueArea {
  return {
    async get<T>(key: string) {
      const items = await area.get(key);
      return items[key] as T | undefined;
    },
    set: (key, value) => area.set({ [key]: value }),
    remove: (keys) => area.remove(keys),
  };
}

export const sessionArea: KeyValueArea = wrap(browser.storage.session);
export const localArea: KeyValueArea = wrap(browser.storage.local);

/**
 * Calls `listener` after any change to storage.session with the names of the keys that changed;
 * the values (key, tokens) are not passed on.
 */
export function onSessionChanged(listener: (keys: string[]) => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'session') listener(Object.keys(changes));
  });
}
