// Adapter for browser.runtime: identity of the extension, messages, lifecycle events.
// The only module that touches runtime; pages and the worker call these functions.
import browser, { type Runtime } from 'webextension-polyfill';

/** Chromium also reports the sender document's origin; Firefox does not. */
export type MessageSender = Runtime.MessageSender & { origin?: string };

export function extensionId(): string {
  return browser.runtime.id;
}

/** `chrome-extension://<id>` (or `moz-extension://<uuid>`), without a trailing slash. */
export function extensionOrigin(): string {
  return new URL(browser.runtime.getURL('/')).origin;
}

export function sendMessage(message: unknown): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

/** Registers the one message listener; the handler's promise becomes the reply. */
export function onMessage(handler: (message: unknown, sender: MessageSender) => Promise<unknown>): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: MessageSender) =>
    handler(message, sender),
  );
}

export function onStartup(listener: () => void): void {
  browser.runtime.onStartup.addListener(listener);
}

export function onInstalled(listener: () => void): void {
  browser.runtime.onInstalled.addListener(() => listener());
}

/** The full URL of a file of the extension, e.g. `src/popup/index.html`. */
export function extensionUrl(path: string): string {
  return browser.runtime.getURL(path);
}
