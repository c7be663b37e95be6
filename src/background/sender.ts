// Who may talk to the worker: only this extension's own pages, in a top-level frame. Content
// scripts, other extensions, web pages and sub-frames are refused before any handler runs.
import type { MessageSender } from '../platform/runtime';

export interface Self {
  id: string;
  /** `chrome-extension://<id>`, no trailing slash. */
  origin: string;
}

/** scheme://host[:port]. Built by hand: URL.origin is "null" for extension schemes outside browsers. */
function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}

export function isTrustedSender(sender: MessageSender, self: Self): boolean {
  if (sender.id !== self.id) return false;
  // Chromium sets `origin`; Firefox only `url`. Both, when present, must be ours.
  if (originOf(sender.url) !== self.origin) return false;
  if (sender.origin !== undefined && sender.origin !== self.origin) return false;
  if (sender.frameId !== undefined && sender.frameId !== 0) return false;
  // A sender in a tab is a content script unless the tab shows one of our own pages (the
  // popup opened in a full tab).
  if (sender.tab && originOf(sender.tab.url) !== self.origin) return false;
  return true;
}
