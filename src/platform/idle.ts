// Adapter for browser.idle: learn when the system locks its screen.
import browser from 'webextension-polyfill';

export type IdleState = 'active' | 'idle' | 'locked';

export function onIdleStateChanged(listener: (state: IdleState) => void): void {
  browser.idle.onStateChanged.addListener((state) => listener(state as IdleState));
}
