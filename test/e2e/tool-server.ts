// A stand-in for a browser-based API tool: an empty page served on a local origin, from which
// tests fetch the API as the tool would. Bound to one loopback address per origin.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ToolServer {
  origin: string;
  close(): Promise<void>;
}

export async function startToolServer(host = '127.0.0.1', name = host): Promise<ToolServer> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>API tool</title><h1>API tool</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${name}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // The browser keeps connections alive; they must not hold the close.
        server.closeAllConnections();
      }),
  };
}
