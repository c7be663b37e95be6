// Adapter for browser.tabs: open one of the extension's own pages in a new tab. tabs.create
// needs no permission. The worker's watch on tool tabs is in tab-watch.ts.
import browser from 'webextension-polyfill';

export async function openTab(url: string): Promise<void> {
  await browser.tabs.create({ url });
}
