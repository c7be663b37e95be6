// The HTTP layer: node:http, routing, CORS, body limits, injected faults and latency, the request log.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { adminEndpoint, adminPrefix, type ServerControl } from './admin';
import { apiEndpoint, isApiPath } from './api';
import { BOX_API_PREFIX, BOX_TOKEN_PATH, boxApiEndpoint, boxFaults, boxTokenEndpoint } from './box';
import {
  CLIENT_ASSERTION_PROVIDERS,
  clientAssertionApiEndpoint,
  clientAssertionApiPrefixes,
  clientAssertionFaults,
  clientAssertionTokenEndpoint,
  clientAssertionTokenPaths,
} from './client-assertion';
import type { SandboxContext } from './context';
import {
  DOCUSIGN_API_PREFIX,
  DOCUSIGN_AUTH_PATH,
  DOCUSIGN_CONSENTED_PATH,
  DOCUSIGN_TOKEN_PATH,
  DOCUSIGN_USERINFO_PATH,
  docusignAccountFaults,
  docusignApiEndpoint,
  docusignApiFaults,
  docusignAuthEndpoint,
  docusignConsentedEndpoint,
  docusignTokenEndpoint,
  docusignUserinfoEndpoint,
} from './docusign';
import { errorReply } from './errors';
import {
  GOOGLE_API_PREFIX,
  GOOGLE_TOKEN_PATH,
  googleApiEndpoint,
  googleFaults,
  googleTokenEndpoint,
} from './google';
import { authorization, type FaultShapes, type Reply, type SandboxRequest } from './http';
import { mask } from './request-log';
import {
  SALESFORCE_API_PREFIX,
  SALESFORCE_TOKEN_PATH,
  salesforceApiEndpoint,
  salesforceFaults,
  salesforceTokenEndpoint,
} from './salesforce';
import { revokeEndpoint, tokenEndpoint } from './token-endpoint';
import { ZOOM_API_PREFIX, ZOOM_TOKEN_PATH, zoomApiEndpoint, zoomFaults, zoomTokenEndpoint } from './zoom';

type Endpoint = (ctx: SandboxContext, req: SandboxRequest) => Reply | Promise<Reply>;

const routes: { match: (path: string) => boolean; method: string; endpoint: Endpoint }[] = [
  { match: (p) => p === '/restapi/oauth/token', method: 'POST', endpoint: tokenEndpoint },
  { match: (p) => p === '/restapi/oauth/revoke', method: 'POST', endpoint: revokeEndpoint },
  { match: (p) => p === '/restapi/oauth/jwks', method: 'GET', endpoint: (ctx) => jwks(ctx) },
  { match: isApiPath, method: 'GET', endpoint: apiEndpoint },
  { match: (p) => p === GOOGLE_TOKEN_PATH, method: 'POST', endpoint: googleTokenEndpoint },
  { match: (p) => p.startsWith(GOOGLE_API_PREFIX), method: 'GET', endpoint: googleApiEndpoint },
  { match: (p) => p === SALESFORCE_TOKEN_PATH, method: 'POST', endpoint: salesforceTokenEndpoint },
  { match: (p) => p.startsWith(SALESFORCE_API_PREFIX), method: 'GET', endpoint: salesforceApiEndpoint },
  ...CLIENT_ASSERTION_PROVIDERS.flatMap((provider) => [
    {
      match: clientAssertionTokenPaths[provider],
      method: 'POST',
      endpoint: clientAssertionTokenEndpoint(provider),
    },
    {
      match: (p: string) => p.startsWith(clientAssertionApiPrefixes[provider]),
      method: 'GET',
      endpoint: clientAssertionApiEndpoint(provider),
    },
  ]),
  { match: (p) => p === ZOOM_TOKEN_PATH, method: 'POST', endpoint: zoomTokenEndpoint },
  { match: (p) => p.startsWith(ZOOM_API_PREFIX), method: 'GET', endpoint: zoomApiEndpoint },
  { match: (p) => p === BOX_TOKEN_PATH, method: 'POST', endpoint: boxTokenEndpoint },
  { match: (p) => p.startsWith(BOX_API_PREFIX), method: 'GET', endpoint: boxApiEndpoint },
  { match: (p) => p === DOCUSIGN_TOKEN_PATH, method: 'POST', endpoint: docusignTokenEndpoint },
  { match: (p) => p === DOCUSIGN_AUTH_PATH, method: 'GET', endpoint: docusignAuthEndpoint },
  { match: (p) => p === DOCUSIGN_CONSENTED_PATH, method: 'GET', endpoint: docusignConsentedEndpoint },
  { match: (p) => p === DOCUSIGN_USERINFO_PATH, method: 'GET', endpoint: docusignUserinfoEndpoint },
  { match: (p) => p.startsWith(DOCUSIGN_API_PREFIX), method: 'GET', endpoint: docusignApiEndpoint },
];

/** Each provider's own answers to a scripted 401 or 429; other paths answer as RingCentral does. */
const faultShapes: FaultShapes[] = [
  googleFaults,
  salesforceFaults,
  ...clientAssertionFaults,
  zoomFaults,
  boxFaults,
  docusignAccountFaults,
  docusignApiFaults,
];

// Browser tools read these from cross-origin responses only when exposed.
const exposedHeaders = [
  'Retry-After',
  'WWW-Authenticate',
  'X-Rate-Limit-Group',
  'X-Rate-Limit-Limit',
  'X-Rate-Limit-Remaining',
  'X-Rate-Limit-Window',
].join(', ');
// X-User-Agent and Client-Id are what @ringcentral/sdk adds to its requests.
const allowedHeaders = 'Authorization, Content-Type, Accept, X-User-Agent, Client-Id, X-Sandbox-Admin';

export interface SandboxServer {
  /** Resolves with the base URL. */
  listen(port: number, host: string): Promise<string>;
  /** Connection refused until up(); the port is kept. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export function createSandboxServer(ctx: SandboxContext): SandboxServer {
  let port = 0;
  let host = '127.0.0.1';
  let listening = false;
  let closed: Promise<void> = Promise.resolve();
  let upTimer: NodeJS.Timeout | undefined;
  // After close() nothing may listen again, not even an upAfter() already on its way.
  let closedForGood = false;

  const server = createServer((req, res) => {
    handle(ctx, control, req, res).catch(() => res.destroy());
  });
  // Malformed HTTP never reaches the handler: answer 400 and drop the socket.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        listening = true;
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });

  const control: ServerControl = {
    stopListening() {
      if (!listening) return;
      listening = false;
      closed = new Promise((resolve) => server.close(() => resolve()));
    },
    dropConnections: () => server.closeAllConnections(),
    upAfter(ms) {
      clearTimeout(upTimer);
      upTimer = setTimeout(() => {
        closed
          .then(() => (closedForGood ? undefined : listen()))
          .catch((error) => console.error('sandbox: could not come back up:', error));
      }, ms);
    },
  };

  return {
    async listen(wantedPort, wantedHost) {
      port = wantedPort;
      host = wantedHost;
      await listen();
      // A wildcard bind is reachable on loopback; IPv6 literals need brackets in a URL.
      const shown = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
      return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
    },
    async down() {
      clearTimeout(upTimer);
      control.stopListening();
      control.dropConnections();
      await closed;
    },
    async up() {
      if (closedForGood) throw new Error('The sandbox is closed');
      clearTimeout(upTimer);
      await closed;
      if (!listening) await listen();
    },
    async close() {
      closedForGood = true;
      await this.down();
    },
  };
}

async function handle(
  ctx: SandboxContext,
  control: ServerControl,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  const mark = url.indexOf('?');
  const path = mark < 0 ? url : url.slice(0, mark);
  const isAdmin = path.startsWith(adminPrefix);
  const origin = req.headers.origin ?? null;
  const cors = corsHeaders(origin);
  const { body, tooLarge } = await readBody(req, ctx.maxBodyBytes);
  const request: SandboxRequest = {
    method,
    path,
    query: new URLSearchParams(mark < 0 ? '' : url.slice(mark + 1)),
    headers: req.headers,
    body,
    remoteAddress: req.socket.remoteAddress ?? '',
  };

  let reply: Reply;
  try {
    reply = await respond(ctx, control, request, isAdmin, tooLarge);
  } catch (error) {
    console.error('sandbox: handler failed:', error);
    reply = errorReply('serverError', ctx.codes);
  }
  // The log's time is taken as the answer goes out, not after: a process descheduled between the
  // two would otherwise log an answer later than a client already acted on it.
  const at = ctx.now();
  send(res, reply, cors);
  if (!isAdmin) record(ctx, at, request, origin, reply);
}

async function respond(
  ctx: SandboxContext,
  control: ServerControl,
  req: SandboxRequest,
  isAdmin: boolean,
  tooLarge: boolean,
): Promise<Reply> {
  if (req.method === 'OPTIONS') return preflight();
  if (tooLarge)
    return errorReply('bodyTooLarge', ctx.codes, `Request body exceeds ${ctx.maxBodyBytes} bytes`);
  if (isAdmin) return adminEndpoint(ctx, req, control);
  if (ctx.latencyMs > 0) await sleep(ctx.latencyMs);
  const fault = takeFault(ctx, req.path);
  if (fault) return fault;
  const route = routes.find((r) => r.match(req.path));
  if (!route) return errorReply('notFound', ctx.codes, `No such resource: ${req.path}`);
  if (route.method !== req.method) {
    return errorReply('methodNotAllowed', ctx.codes, undefined, { Allow: `${route.method}, OPTIONS` });
  }
  return route.endpoint(ctx, req);
}

function preflight(): Reply {
  return {
    status: 204,
    headers: {
      'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': allowedHeaders,
      'Access-Control-Max-Age': '600',
    },
  };
}

function corsHeaders(origin: string | null): Record<string, string> {
  // Vary on every response, so a cache never hands one origin's answer to another.
  if (!origin) return { Vary: 'Origin' };
  return {
    Vary: 'Origin',
    'Access-Control-Allow-Origin': origin,
    // The SDK fetches with credentials: 'include', which needs this and a reflected origin.
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Expose-Headers': exposedHeaders,
    'Timing-Allow-Origin': origin,
  };
}

function takeFault(ctx: SandboxContext, path: string): Reply | undefined {
  const fault = ctx.faults;
  if (!fault || (fault.pathPrefix !== null && !path.startsWith(fault.pathPrefix))) return undefined;
  fault.remaining -= 1;
  if (fault.remaining <= 0) ctx.faults = null;
  const headers: Record<string, string> =
    fault.retryAfterSeconds === null ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
  const provider = faultShapes.find((shapes) => path.startsWith(shapes.prefix));
  if (fault.status === 401) return provider?.unauthorized(ctx) ?? errorReply('accessTokenInvalid', ctx.codes);
  if (fault.status === 429) {
    const reply = provider?.throttled(ctx) ?? errorReply('rateLimited', ctx.codes);
    return { ...reply, headers: { ...reply.headers, ...headers } };
  }
  return errorReply(fault.status === 503 ? 'busy' : 'serverError', ctx.codes, undefined, headers);
}

function jwks(ctx: SandboxContext): Reply {
  return { status: 200, body: { keys: [ctx.key.publicJwk] } };
}

/** Reads at most `limit` bytes but drains the rest, so the client can read the 413 before closing. */
function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer; tooLarge: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks), tooLarge: size > limit }));
    // An aborted upload still gets an answer attempt; the socket is gone, so it goes nowhere.
    req.on('error', () => resolve({ body: Buffer.alloc(0), tooLarge: false }));
  });
}

function send(res: ServerResponse, reply: Reply, cors: Record<string, string>): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = { ...cors, ...reply.headers };
  let payload = '';
  if (reply.html !== undefined) {
    payload = reply.html;
    headers['Content-Type'] = 'text/html; charset=utf-8';
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  if (reply.afterSend) res.once('finish', reply.afterSend);
  res.writeHead(reply.status, headers).end(payload);
}

function record(
  ctx: SandboxContext,
  at: number,
  req: SandboxRequest,
  origin: string | null,
  reply: Reply,
): void {
  const { scheme, credentials } = authorization(req);
  ctx.log.add({
    at: new Date(at).toISOString(),
    method: req.method,
    path: req.path,
    origin,
    authScheme: scheme,
    authToken: scheme === 'none' ? null : mask(credentials),
    ...reply.log,
    status: reply.status,
  });
}
