// Adapter for long-lived runtime ports: the worker hears pages connect, a page opens one. The
// status push (background/status-push.ts) and the popup's status feed (popup/status-feed.ts)
// take ports through the small `Port` shape below, so their tests need no browser.
import browser from 'webextension-polyfill';
import type { MessageSender } from './runtime';

/** What the status push and feed use of a port; a browser port has all of it. */
export interface Port {
  name: string;
  /** Set on the worker's side: who opened the port. */
  sender?: MessageSender;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/** Registers the worker's one listener for pages opening a port. */
export function onConnect(listener: (port: Port) => void): void {
  browser.runtime.onConnect.addListener((port) => listener(port as Port));
}

/** Opens a port from an extension page to the worker; waking it if it sleeps. */
export function connectPort(name: string): Port {
  return browser.runtime.connect({ name }) as Port;
}
