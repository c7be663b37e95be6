// The demo's browser-based API tool: Swagger UI (from swagger-ui-dist) served on its own local
// origin, with one definition per API the sandbox stands in for (its selector at the top; `?api=`
// opens one). Used by `npm start` and the e2e tests.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { demoApiName, sandboxOpenApi } from './openapi';
import { DEMO_PROVIDERS } from './providers';

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

const DEFINITIONS = DEMO_PROVIDERS.map((provider) => ({
  provider,
  url: `/openapi/${provider}.json`,
  name: demoApiName(provider),
}));

// The standalone layout shows the definitions' selector; ?api=<provider> picks the one shown first.
const INIT = `const definitions = ${JSON.stringify(DEFINITIONS)};
const asked = definitions.find((d) => d.provider === new URLSearchParams(location.search).get('api'));
window.ui = SwaggerUIBundle({
  urls: definitions.map(({ url, name }) => ({ url, name })),
  'urls.primaryName': (asked ?? definitions[0]).name,
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});`;

export async function startSwaggerTool(
  apiUrl: string,
  options: { host?: string; port?: number; name?: string } = {},
) {
  const host = options.host ?? '127.0.0.1';
  const specs = new Map(
    DEFINITIONS.map(({ provider, url }) => [url, JSON.stringify(sandboxOpenApi(provider, apiUrl))]),
  );
  const server: Server = createServer(async (request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://tool').pathname;
    const send = (status: number, type: string, body: string | Buffer) => {
      response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      response.end(body);
    };
    if (pathname === '/' || pathname === '/index.html') return send(200, 'text/html; charset=utf-8', PAGE);
    if (pathname === '/init.js') return send(200, 'text/javascript', INIT);
    const spec = specs.get(pathname);
    if (spec) return send(200, 'application/json', spec);
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
