// The vault through the worker's real messages, sent from the popup page: secrets never reach
// the disk, a killed worker wakes up unlocked, a browser restart locks, throttling persists.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  call,
  canary,
  filesContaining,
  killServiceWorker,
  launch,
  openPopup,
  removeProfile,
  runningServiceWorkers,
  send,
} from './harness';

const PASSWORD = 'a long master password';

/** A well-formed compact JWS whose whole text is unique to this run. */
function canaryJwt(marker: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT', kid: marker })}.${part({ sub: '101', exp: 3_900_000_000, jti: marker })}.${Buffer.from(marker).toString('base64url')}`;
}

async function createWithRecords(
  popup: Page,
  secrets: { password: string; jwt: string; clientSecret: string },
) {
  await call(popup, 'vault.create', { password: secrets.password });
  const app = await call<{ id: string }>(popup, 'apps.save', {
    app: {
      name: 'Sandbox app',
      clientId: 'client-one',
      clientSecret: secrets.clientSecret,
      serverUrl: 'http://127.0.0.1:8788',
    },
  });
  const credential = await call<{ id: string }>(popup, 'credentials.save', {
    credential: { label: 'Ops bot', jwt: secrets.jwt, allowed: { kind: 'organization' } },
  });
  return { app, credential };
}

test('no secret reaches the profile on disk after create, add, lock and close', async () => {
  const secrets = {
    password: canary('PW'),
    jwt: canaryJwt(canary('JWT')),
    clientSecret: canary('SECRET'),
  };
  const launched = await launch();
  try {
    const popup = await openPopup(launched);
    await createWithRecords(popup, secrets);
    // A service account's key: a line from the middle of its PEM body stands for it.
    const keyFile = readFileSync(
      path.join(import.meta.dirname, '../fixtures/keys/google-service-account.json'),
      'utf8',
    );
    const keyLine = (JSON.parse(keyFile).private_key as string).split('\n')[10]!;
    expect(keyLine).toMatch(/^[A-Za-z0-9+/]{64}$/);
    await call(popup, 'credentials.save', {
      credential: { kind: 'google-service-account', label: 'Robot', keyFile, scopes: ['email'] },
    });
    expect(JSON.stringify(await call(popup, 'credentials.list'))).not.toContain(keyLine);
    const listed = await call<{ hasSecret: boolean }[]>(popup, 'apps.list');
    expect(listed).toEqual([expect.objectContaining({ clientId: 'client-one', hasSecret: true })]);
    expect(JSON.stringify(listed)).not.toContain(secrets.clientSecret);
    expect(JSON.stringify(await call(popup, 'credentials.list'))).not.toContain(secrets.jwt);
    await call(popup, 'vault.lock');
    await launched.close();

    for (const secret of [...Object.values(secrets), keyLine]) {
      expect(await filesContaining(launched.userDataDir, secret)).toEqual([]);
    }
    // Records are sealed whole: not even the client ID is readable on disk.
    expect(await filesContaining(launched.userDataDir, 'client-one')).toEqual([]);
    // The scan itself works: a value the profile does hold is found.
    expect((await filesContaining(launched.userDataDir, launched.extensionId)).length).toBeGreaterThan(0);
  } finally {
    await launched.close().catch(() => {});
    await removeProfile(launched.userDataDir);
  }
});

test('a killed service worker wakes up still unlocked', async ({ extension }) => {
  const popup = await openPopup(extension);
  await createWithRecords(popup, { password: PASSWORD, jwt: canaryJwt('x'), clientSecret: 's3cret' });
  await killServiceWorker(extension, popup);

  // A new worker (started by the popup reopening its status port, or else by the next message)
  // finds the key in storage.session.
  expect(await call(popup, 'vault.status')).toMatchObject({ state: 'unlocked' });
  expect(await runningServiceWorkers(extension, popup)).toBe(1);
  const apps = await call<{ name: string }[]>(popup, 'apps.list');
  expect(apps.map((a) => a.name)).toEqual(['Sandbox app']);
});

test('a browser restart locks the vault and keeps the data', async () => {
  const first = await launch();
  try {
    const popup = await openPopup(first);
    await createWithRecords(popup, { password: PASSWORD, jwt: canaryJwt('y'), clientSecret: 's3cret' });
    await first.close();

    const second = await launch(first.userDataDir);
    try {
      const again = await openPopup(second);
      await expect(again.getByRole('status')).toHaveText('Locked');
      expect(await send(again, 'apps.list')).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
      await call(again, 'vault.unlock', { password: PASSWORD });
      const credentials = await call<{ label: string }[]>(again, 'credentials.list');
      expect(credentials.map((c) => c.label)).toEqual(['Ops bot']);
    } finally {
      await second.close();
    }
  } finally {
    await first.close().catch(() => {});
    await removeProfile(first.userDataDir);
  }
});

test('wrong passwords are throttled, across popup reopenings and worker restarts', async ({ extension }) => {
  const popup = await openPopup(extension);
  await call(popup, 'vault.create', { password: PASSWORD });
  await call(popup, 'vault.lock');

  for (let attempt = 0; attempt < 3; attempt += 1) {
    expect(await send(popup, 'vault.unlock', { password: `wrong ${attempt}` })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    });
  }
  await popup.close();
  const reopened = await openPopup(extension);
  await expect(reopened.getByRole('alert')).toContainText('Too many wrong passwords. Try again in');
  await expect(reopened.getByRole('button', { name: 'Unlock' })).toBeDisabled();

  await killServiceWorker(extension, reopened);
  // Even the right password is refused until the delay has passed.
  expect(await send(reopened, 'vault.unlock', { password: PASSWORD })).toMatchObject({
    ok: false,
    error: { code: 'THROTTLED' },
  });
  const status = await call<{ throttledUntil: number }>(reopened, 'vault.status');
  expect(status.throttledUntil).toBeGreaterThan(Date.now());
});
