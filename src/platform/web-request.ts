// Adapter for webRequest: observes (never blocks) requests. Tool fetch/XHR requests — the headers
// each left with (the injected Authorization included) and how it ended — tell which token a 401
// answered; top-level navigations tell when a tab leaves a tool origin, before its next page can
// send anything. Events fire only for hosts the extension has host access to: the API and tool
// hosts the user granted.
import browser from 'webextension-polyfill';

export interface SentRequestDetails {
  requestId: string;
  url: string;
  tabId: number;
  initiator?: string;
  method: string;
  /** When it was sent (ms since the epoch). */
  timeStamp: number;
  authorization?: string;
}

export interface CompletedRequest {
  requestId: string;
  statusCode: number;
  timeStamp: number;
}

export interface FailedRequestDetails {
  requestId: string;
  error: string;
  timeStamp: number;
}

const TOOL_REQUESTS = { urls: ['<all_urls>'], types: ['xmlhttprequest' as const] };
const NAVIGATIONS = { urls: ['<all_urls>'], types: ['main_frame' as const] };

export function onRequestSent(listener: (request: SentRequestDetails) => void): void {
  browser.webRequest.onSendHeaders.addListener(
    (details) => {
      const authorization = details.requestHeaders?.find(
        (h) => h.name.toLowerCase() === 'authorization',
      )?.value;
      // Firefox has no `initiator`; its `originUrl` names the same page.
      const initiator =
        details.initiator ?? (details.originUrl ? new URL(details.originUrl).origin : undefined);
      listener({
        requestId: details.requestId,
        url: details.url,
        tabId: details.tabId,
        method: details.method,
        timeStamp: details.timeStamp,
        ...(initiator === undefined ? {} : { initiator }),
        ...(authorization === undefined ? {} : { authorization }),
      });
    },
    TOOL_REQUESTS,
    ['requestHeaders'],
  );
}

export function onRequestCompleted(listener: (request: CompletedRequest) => void): void {
  browser.webRequest.onCompleted.addListener(
    (details) =>
      listener({
        requestId: details.requestId,
        statusCode: details.statusCode,
        timeStamp: details.timeStamp,
      }),
    TOOL_REQUESTS,
  );
}

export function onRequestFailed(listener: (request: FailedRequestDetails) => void): void {
  browser.webRequest.onErrorOccurred.addListener(
    (details) =>
      listener({ requestId: details.requestId, error: details.error, timeStamp: details.timeStamp }),
    TOOL_REQUESTS,
  );
}

/** A top-level navigation is about to be sent from this tab. */
export function onNavigationStarted(listener: (tabId: number, url: string) => void): void {
  browser.webRequest.onBeforeRequest.addListener((details) => {
    if (details.tabId >= 0) listener(details.tabId, details.url);
  }, NAVIGATIONS);
}

/** A top-level navigation's request ended: answered (it may not commit: a 204, a download) or failed. */
export function onNavigationEnded(listener: (tabId: number) => void): void {
  const ended = (details: { tabId: number }) => {
    if (details.tabId >= 0) listener(details.tabId);
  };
  browser.webRequest.onCompleted.addListener(ended, NAVIGATIONS);
  browser.webRequest.onErrorOccurred.addListener(ended, NAVIGATIONS);
}
