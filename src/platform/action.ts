// Adapter for the toolbar button's badge.
import browser from 'webextension-polyfill';

export async function setBadge(text: string, color: string, title: string): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ text }),
    browser.action.setBadgeBackgroundColor({ color }),
    browser.action.setTitle({ title }),
  ]);
}
