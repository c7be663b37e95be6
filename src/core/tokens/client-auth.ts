// Client authentication for token, refresh and revoke requests, the way RingCentral and its SDK
// do it: HTTP Basic with the secret, or `client_id` in the body for apps without one; none where
// the assertion alone authenticates; Basic again for a credential that is a client with a secret.
// Imported by the token client only.
import type { TokenIssuer } from './types';

export interface ClientAuth {
  headers: Record<string, string>;
  params: Record<string, string>;
}

export function clientAuth(app: TokenIssuer): ClientAuth {
  // A credential's own token URL: the signed assertion authenticates, or the client's secret.
  if ('tokenUrl' in app)
    return app.basic ? basic(app.basic.clientId, app.basic.clientSecret) : { headers: {}, params: {} };
  if (app.clientSecret) return basic(app.clientId, app.clientSecret);
  return { headers: {}, params: { client_id: app.clientId } };
}

function basic(clientId: string, secret: string): ClientAuth {
  return { headers: { Authorization: `Basic ${base64Utf8(`${clientId}:${secret}`)}` }, params: {} };
}

// btoa takes Latin-1 only; encode as UTF-8 first so any secret works in browsers and Node alike.
function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
