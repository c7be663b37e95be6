// Adapter for host permissions. Injection needs host access to both the API and the tool page;
// local hosts are granted in the manifest, any other host is asked for from the popup.
import browser from 'webextension-polyfill';

export function hasHostAccess(origins: string[]): Promise<boolean> {
  return browser.permissions.contains({ origins });
}

/** Must run in a user gesture in an extension page (the popup), not in the worker. */
export function requestHostAccess(origins: string[]): Promise<boolean> {
  return browser.permissions.request({ origins });
}

/** Every host pattern the extension holds now: the manifest's and those granted at run time. */
export async function grantedOrigins(): Promise<string[]> {
  return (await browser.permissions.getAll()).origins ?? [];
}

export function onHostAccessChanged(listener: () => void): void {
  browser.permissions.onAdded.addListener(listener);
  browser.permissions.onRemoved.addListener(listener);
}
