// Adapter for webRequest: observes (never blocks) the fetch/XHR requests of API tools — when
// each starts and how it ends — to notice a 401 on a connection's API and tell which token
// the request was sent with. Events only fire for hosts the extension has host access to,
// which are the API and tool hosts the user granted.
import browser from 'webextension-polyfill';

export interface CompletedRequest {
  requestId: string;
  url: string;
  statusCode: number;
  initiator?: string;
}

const FILTER = { urls: ['<all_urls>'], types: ['xmlhttprequest' as const] };

export function onRequestStarted(listener: (requestId: string) => void): void {
  browser.webRequest.onBeforeRequest.addListener((details) => {
    listener(details.requestId);
  }, FILTER);
}

export function onRequestCompleted(listener: (request: CompletedRequest) => void): void {
  browser.webRequest.onCompleted.addListener(
    (details) =>
      listener({
        requestId: details.requestId,
        url: details.url,
        statusCode: details.statusCode,
        // Firefox has no `initiator`; its `originUrl` names the same page.
        initiator: details.initiator ?? (details.originUrl ? new URL(details.originUrl).origin : undefined),
      }),
    FILTER,
  );
}

export function onRequestFailed(listener: (requestId: string) => void): void {
  browser.webRequest.onErrorOccurred.addListener((details) => listener(details.requestId), FILTER);
}
