// A stand-in for a browser-based API tool: an empty page served on a local origin, from which
// tests fetch the API as the tool would. Bound to one loopback address per origin.
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface ToolServer {
  origin: string;
  close(): Promise<void>;
}

const SERVICE_WORKER = `self.addEventListener('message', (event) => {
  event.waitUntil(fetch(event.data).then((r) => r.status, () => 0).then((status) => event.source.postMessage(status)));
});`;

/** With `tls` (a key and certificate in PEM) it serves https. */
export async function startToolServer(
  host = '127.0.0.1',
  name = host,
  tls?: { key: string; cert: string },
): Promise<ToolServer> {
  const page = (
    request: import('node:http').IncomingMessage,
    response: import('node:http').ServerResponse,
  ) => {
    if (request.url === '/no-content') {
      // A link that leads nowhere: the browser stays on the page it was on.
      response.writeHead(204);
      response.end();
      return;
    }
    if (request.url === '/sw.js') {
      // A tool's own service worker: fetches what a page asks for and answers with the status.
      response.writeHead(200, { 'Content-Type': 'text/javascript' });
      response.end(SERVICE_WORKER);
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>API tool</title><h1>API tool</h1>');
  };
  const server: Server = tls ? createHttpsServer(tls, page) : createServer(page);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${tls ? 'https' : 'http'}://${name}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // The browser keeps connections alive; they must not hold the close.
        server.closeAllConnections();
      }),
  };
}
