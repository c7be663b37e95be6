// Adapter for browser.idle: learn when the system locks its screen.
import browser from 'webextension-polyfill';

export type IdleState = 'active' | 'idle' | 'locked';

export function onIdleStateChanged(listener: (state: IdleState) => void): void {
  browser.idle.onStateChanged.addListener((state) => listener(state as IdleState));
}

/**
 * Whether this browser ever reports `locked`. Firefox's idle API knows only `active` and `idle`
 * (runtime.getBrowserInfo is Firefox's alone), so there a screen lock cannot lock the vault.
 */
export function reportsScreenLock(): boolean {
  return !('getBrowserInfo' in browser.runtime);
}
