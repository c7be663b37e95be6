// The demo's browser-based API tool: Swagger UI (from swagger-ui-dist) served on its own local
// origin, loaded with the sandbox's OpenAPI description. Used by `npm start` and the e2e tests.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { sandboxOpenApi } from './openapi';

export interface SwaggerTool {
  /** Where Swagger UI runs, e.g. http://localhost:8789. */
  origin: string;
  close(): Promise<void>;
}

const DIST = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
// Only the files the page loads; nothing else of the package is served.
const FILES: Record<string, string> = {
  '/swagger-ui.css': 'text/css',
  '/swagger-ui-bundle.js': 'text/javascript',
  '/swagger-ui-standalone-preset.js': 'text/javascript',
  '/favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Sandbox API — Swagger UI</title>
  <link rel="stylesheet" href="/swagger-ui.css">
  <link rel="icon" href="/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/swagger-ui-bundle.js"></script>
  <script src="/swagger-ui-standalone-preset.js"></script>
  <script src="/init.js"></script>
</body>
</html>`;

const INIT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'BaseLayout',
});`;

export async function startSwaggerTool(
  apiUrl: string,
  options: { host?: string; port?: number; name?: string } = {},
) {
  const host = options.host ?? '127.0.0.1';
  const openApi = JSON.stringify(sandboxOpenApi(apiUrl));
  const server: Server = createServer(async (request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://tool').pathname;
    const send = (status: number, type: string, body: string | Buffer) => {
      response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      response.end(body);
    };
    if (pathname === '/' || pathname === '/index.html') return send(200, 'text/html; charset=utf-8', PAGE);
    if (pathname === '/init.js') return send(200, 'text/javascript', INIT);
    if (pathname === '/openapi.json') return send(200, 'application/json', openApi);
    const type = FILES[pathname];
    if (!type) return send(404, 'text/plain', 'Not found');
    return send(200, type, await readFile(path.join(DIST, pathname)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const tool: SwaggerTool = {
    origin: `http://${options.name ?? host}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // The browser keeps connections alive; they must not hold the close.
        server.closeAllConnections();
      }),
  };
  return tool;
}
