// Adapter for browser.commands: the keyboard shortcuts declared in the manifest's `commands`.
import browser from 'webextension-polyfill';

export function onCommand(listener: (name: string) => void): void {
  browser.commands.onCommand.addListener((name) => listener(name));
}
