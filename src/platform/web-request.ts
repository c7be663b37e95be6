// Adapter for webRequest.onCompleted: observes (never blocks) the status of the API tools'
// fetch/XHR requests, to notice a 401 on a connection's API. Events only fire for hosts the
// extension has host access to, which are the API and tool hosts the user granted.
import browser from 'webextension-polyfill';

export interface CompletedRequest {
  url: string;
  statusCode: number;
  initiator?: string;
}

export function onRequestCompleted(listener: (request: CompletedRequest) => void): void {
  browser.webRequest.onCompleted.addListener(
    (details) => listener({ url: details.url, statusCode: details.statusCode, initiator: details.initiator }),
    { urls: ['<all_urls>'], types: ['xmlhttprequest'] },
  );
}
