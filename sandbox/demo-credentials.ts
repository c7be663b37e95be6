// The demo pair a person needs to try the vault: the seed's first app with a secret and its
// first credential, and the `.env` block that imports both. Used by `npm run sandbox` and
// `npm start`.
import type { Sandbox } from './index';
import type { SandboxSeed } from './state';

export interface DemoCredentials {
  clientId: string;
  clientSecret: string;
  handle: string;
  jwt: string;
  env: string;
}

export function demoCredentials<S extends SandboxSeed>(sandbox: Sandbox<S>): DemoCredentials {
  const apps = Object.values(sandbox.seed.apps);
  const app = apps.find((a) => a.clientSecret) ?? apps[0];
  const [handle = '', jwt = ''] = (Object.entries(sandbox.jwts) as [string, string][])[0] ?? [];
  const clientId = app?.clientId ?? '';
  const clientSecret = app?.clientSecret ?? '';
  const env = [
    `RC_SERVER_URL = '${sandbox.url}'`,
    `RC_APP_CLIENT_ID = '${clientId}'`,
    `RC_APP_CLIENT_SECRET = '${clientSecret}'`,
    `RC_USER_JWT = '${jwt}'`,
  ].join('\n');
  return { clientId, clientSecret, handle, jwt, env };
}
