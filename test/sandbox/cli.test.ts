// `npm run sandbox` (tsx sandbox/cli.ts): it starts, prints the credentials and a usable .env block.

import { type ChildProcess, spawn } from 'node:child_process';
import { createPrivateKey, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import {
  BOX_APP_USER_ID,
  type BoxConfig,
  type ClientAssertionDemo,
  type ClientAssertionProvider,
  type DocusignDemo,
  defaultSeed,
  type SalesforceDemo,
  type ZoomDemo,
} from '../../sandbox/index';
import {
  readServiceAccountKey,
  serviceAccountAssertion,
} from '../../src/core/credentials/google-service-account';
import { basic, exchange, jwtBearer, postForm, tokenRequest } from './helpers';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the CLI as `npm run sandbox` does (tsx), in one process we can stop by its pid. */
function runCli(args: string[]): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', ...args], { cwd: root });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  onTestFinished(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  });
  return { child, output: () => output, exited };
}

async function envBlock(
  output: () => string,
  exited: Promise<number | null>,
): Promise<Record<string, string>> {
  const done = /^RC_USER_JWT = '.*'$/m;
  await Promise.race([
    new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (done.test(output())) {
          clearInterval(check);
          resolve();
        }
      }, 20);
    }),
    exited.then((code) => {
      throw new Error(`CLI exited with ${code}: ${output()}`);
    }),
  ]);
  return Object.fromEntries([...output().matchAll(/^(RC_\w+) = '(.*)'$/gm)].map((m) => [m[1], m[2]]));
}

/** The JSON object printed after the line `marker`. */
function block<T>(output: string, marker: string): T {
  const text = output.slice(output.indexOf(`${marker}\n`) + marker.length + 1);
  return JSON.parse(text.slice(0, text.indexOf('\n}\n') + 2)) as T;
}

describe('sandbox CLI', () => {
  it('prints the demo credentials and a .env block that works', async () => {
    const { output, exited } = runCli(['--port', '0']);

    const env = await envBlock(output, exited);

    expect(Object.keys(env)).toEqual([
      'RC_SERVER_URL',
      'RC_APP_CLIENT_ID',
      'RC_APP_CLIENT_SECRET',
      'RC_USER_JWT',
    ]);
    expect(env.RC_SERVER_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env.RC_APP_CLIENT_ID).toBe(defaultSeed.apps.demo.clientId);
    expect(output()).toMatch(/admin token\s+\S+/);
    const app = { ...defaultSeed.apps.demo, clientSecret: env.RC_APP_CLIENT_SECRET! };
    const tokens = await exchange(env.RC_SERVER_URL!, env.RC_USER_JWT!, app);
    expect(tokens.owner_id).toBe(String(defaultSeed.users.alice.id));
  });

  it('prints a Google service account key file that its Google token endpoint accepts', async () => {
    const { output, exited } = runCli(['--port', '0']);
    const marker = 'Google service account key file (save it as a .json file):\n';
    await envBlock(output, exited);
    await vi.waitFor(
      () => expect(output()).toMatch(/key file \(save it as a \.json file\):\n\{[\s\S]*\n\}\n/),
      {
        timeout: 10_000,
      },
    );
    const text = output().slice(output().indexOf(marker) + marker.length);
    const file = text.slice(0, text.indexOf('\n}\n') + 2);
    const key = await readServiceAccountKey(file);
    const assertion = await serviceAccountAssertion(
      { ...key, scopes: ['https://www.googleapis.com/auth/cloud-platform'] },
      key.privateKey,
      Math.floor(Date.now() / 1000),
    );
    const response = await fetch(key.tokenUri, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: jwtBearer, assertion }).toString(),
    });
    expect(response.status).toBe(200);
  });

  it('prints the Salesforce, client assertion and Zoom demo material, which their endpoints accept', async () => {
    const { output, exited } = runCli(['--port', '0']);
    await envBlock(output, exited);
    await vi.waitFor(() => expect(output()).toMatch(/Zoom server-to-server OAuth app:\n\{[\s\S]*\n\}\n/), {
      timeout: 10_000,
    });
    const now = Math.floor(Date.now() / 1000);

    const salesforce = block<SalesforceDemo>(
      output(),
      'Salesforce connected app (JWT bearer flow; privateKey is its server.key):',
    );
    const assertion = await new SignJWT({
      iss: salesforce.consumerKey,
      sub: salesforce.username,
      aud: salesforce.loginUrl,
      exp: now + 180,
    })
      .setProtectedHeader({ alg: 'RS256' })
      .sign(createPrivateKey(salesforce.privateKey));
    const salesforceToken = await postForm(`${salesforce.loginUrl}/services/oauth2/token`, {
      grant_type: jwtBearer,
      assertion,
    });
    expect(salesforceToken.status).toBe(200);

    const clients = block<Record<ClientAssertionProvider, ClientAssertionDemo>>(
      output(),
      'Client assertion (private_key_jwt) clients of Okta, Auth0 and Microsoft Entra:',
    );
    expect(Object.keys(clients)).toEqual(['okta', 'auth0', 'entra']);
    const okta = clients.okta;
    const clientAssertion = await new SignJWT({
      iss: okta.clientId,
      sub: okta.clientId,
      aud: okta.assertionAudience,
      exp: now + 180,
      jti: randomUUID(),
    })
      .setProtectedHeader({ alg: 'RS256', kid: okta.keyId })
      .sign(createPrivateKey(okta.privateKey));
    const oktaToken = await postForm(okta.tokenUrl, {
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: clientAssertion,
      scope: okta.scope!,
    });
    expect(oktaToken.status).toBe(200);

    const zoom = block<ZoomDemo>(output(), 'Zoom server-to-server OAuth app:');
    const zoomToken = await fetch(
      `${zoom.tokenUrl}?grant_type=account_credentials&account_id=${zoom.accountId}`,
      {
        method: 'POST',
        headers: { Authorization: basic(zoom.clientId, zoom.clientSecret) },
      },
    );
    expect(zoomToken.status).toBe(200);
  });

  it('prints the Box config.json and the DocuSign integration, which their endpoints accept', async () => {
    const { output, exited } = runCli(['--port', '0']);
    const boxTokenUrl = `${(await envBlock(output, exited)).RC_SERVER_URL}/box/oauth2/token`;
    const docusignMarker =
      "DocuSign JWT grant integration (aud is the account server's host; privateKey as Apps and Keys gives it):";
    await vi.waitFor(() => expect(output()).toMatch(/DocuSign JWT grant integration .*:\n\{[\s\S]*\n\}\n/), {
      timeout: 10_000,
    });
    const now = Math.floor(Date.now() / 1000);

    const box = block<BoxConfig>(
      output(),
      `Box JWT app config.json (save it as a .json file; the app user for box_sub_type user is ${BOX_APP_USER_ID}):`,
    );
    const { clientID, clientSecret, appAuth } = box.boxAppSettings;
    const boxAssertion = await new SignJWT({
      iss: clientID,
      sub: box.enterpriseID,
      box_sub_type: 'enterprise',
      aud: boxTokenUrl,
      jti: randomBytes(24).toString('hex'),
      exp: now + 45,
    })
      .setProtectedHeader({ alg: 'RS256', kid: appAuth.publicKeyID })
      .sign(createPrivateKey({ key: appAuth.privateKey, format: 'pem', passphrase: appAuth.passphrase }));
    const boxToken = await postForm(boxTokenUrl, {
      grant_type: jwtBearer,
      assertion: boxAssertion,
      client_id: clientID,
      client_secret: clientSecret,
    });
    expect(boxToken.status).toBe(200);

    const docusign = block<DocusignDemo>(output(), docusignMarker);
    const docusignAssertion = await new SignJWT({
      iss: docusign.integrationKey,
      sub: docusign.userId,
      aud: new URL(docusign.accountServer).host,
      iat: now,
      exp: now + 3600,
      scope: 'signature impersonation',
    })
      .setProtectedHeader({ alg: 'RS256' })
      .sign(createPrivateKey(docusign.privateKey));
    const docusignToken = await postForm(`${docusign.accountServer}/oauth/token`, {
      grant_type: jwtBearer,
      assertion: docusignAssertion,
    });
    expect(docusignToken.status).toBe(200);
  });

  it('loads a --seed file and takes --admin-token', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sandbox-seed-'));
    const file = join(dir, 'seed.json');
    const seed = {
      ...defaultSeed,
      apps: { mine: { ...defaultSeed.apps.demo, clientId: 'MyOwnClient', clientSecret: 'MyOwnSecret' } },
      credentials: { mine: { ...defaultSeed.credentials.bob, id: 'my-credential' } },
    };
    await writeFile(file, JSON.stringify(seed));
    const { output, exited } = runCli(['--port', '0', '--seed', file, '--admin-token', 'let-me-in']);

    const env = await envBlock(output, exited);
    const state = await fetch(`${env.RC_SERVER_URL}/__sandbox/state`, {
      headers: { 'X-Sandbox-Admin': 'let-me-in' },
    });
    const login = await tokenRequest(env.RC_SERVER_URL!, seed.apps.mine, {
      grant_type: jwtBearer,
      assertion: env.RC_USER_JWT!,
    });

    expect(env).toMatchObject({ RC_APP_CLIENT_ID: 'MyOwnClient', RC_APP_CLIENT_SECRET: 'MyOwnSecret' });
    expect(state.status).toBe(200);
    expect((await login.json()).owner_id).toBe(String(defaultSeed.users.bob.id));
  });

  it('exits with a labelled error for a bad seed file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sandbox-seed-'));
    const file = join(dir, 'seed.json');
    await writeFile(file, JSON.stringify({ ...defaultSeed, users: { x: { id: 'one' } } }));
    const { output, exited } = runCli(['--seed', file]);

    expect(await exited).toBe(1);
    expect(output()).toContain('users.x.id: expected a positive integer');
  });
});
