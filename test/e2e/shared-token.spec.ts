// Many connections of one user through one app, as RingCentral limits them: five token requests a
// minute per user (the sandbox's Auth group, on here) and about five server sessions per user
// and app. They share one token, so a vault with twelve unlocks with one token request, every
// connection injecting, and a tool of each gets its requests through.
import { expect, test } from './fixtures';
import { call, openPopup } from './harness';
import { connect, ME, openTool, PASSWORD, tokenRequests, toolFetch, worldPerTest } from './world';

const CONNECTIONS = 12;

test.describe('connections sharing a credential and an app', () => {
  // RingCentral's Auth group, as the sandbox plays it: 5 per user per minute, then a penalty.
  const current = worldPerTest({ rateLimit: {} });

  test('twelve connections of one user unlock with one token request, every one injecting, and no 429', async ({
    extension,
  }) => {
    const { world } = current;
    const popup = await openPopup(extension);
    await connect(popup, world);
    const [first] = await call<Record<string, unknown>[]>(popup, 'connections.list');
    const { id: _id, ...fields } = first!;
    for (let i = 1; i < CONNECTIONS; i += 1)
      await call(popup, 'connections.save', {
        connection: { ...fields, toolOrigins: [`http://localhost:${44_000 + i}`] },
      });
    await call(popup, 'vault.lock');
    await world.sandbox.admin.clearLog();

    await call(popup, 'vault.unlock', { password: PASSWORD });
    await expect
      .poll(async () => {
        const statuses = await call<{ injecting: boolean }[]>(popup, 'connections.status');
        return statuses.length === CONNECTIONS && statuses.every((s) => s.injecting);
      })
      .toBe(true);
    const log = await world.sandbox.admin.log();
    expect(tokenRequests(log)).toHaveLength(1);
    expect(log.filter((entry) => entry.status === 429)).toEqual([]);

    // The tool of the first connection gets through with the shared token.
    const tool = await openTool(extension, world.tool.origin);
    await expect.poll(async () => (await toolFetch(tool, `${world.sandbox.url}${ME}`)).status).toBe(200);
  });

  test('twelve connections of one user through six credential-and-app sessions: never more than 5 token requests a minute, no 429, then every one injecting', async ({
    extension,
  }) => {
    test.setTimeout(150_000);
    const { world } = current;
    const popup = await openPopup(extension);
    await connect(popup, world);
    const [first] = await call<Record<string, unknown>[]>(popup, 'connections.list');
    const { apps } = world.sandbox.seed;
    const appIds = [first!.appId as string];
    for (const app of [apps.noRefresh, apps.public]) {
      const saved = await call<{ id: string }>(popup, 'apps.save', {
        app: {
          name: app.name,
          clientId: app.clientId,
          clientSecret: app.clientSecret ?? null,
          serverUrl: world.sandbox.url,
        },
      });
      appIds.push(saved.id);
    }
    // A second JWT of the same user: two credentials, three apps, six token sessions.
    const { jwt } = await world.sandbox.admin.issueCredential({ userId: 208594004 });
    const second = await call<{ id: string }>(popup, 'credentials.save', {
      credential: { label: 'Alice, second JWT', jwt, allowed: { kind: 'organization' } },
    });
    const credentialIds = [first!.credentialId as string, second.id];
    let n = 0;
    for (const credentialId of credentialIds)
      for (const appId of appIds)
        for (let twice = 0; twice < 2; twice += 1) {
          n += 1;
          if (credentialId === first!.credentialId && appId === appIds[0] && twice === 0) continue;
          await call(popup, 'connections.save', {
            connection: {
              credentialId,
              appId,
              apiBaseUrl: `${world.sandbox.url}/restapi/`,
              toolOrigins: [`http://localhost:${45_000 + n}`],
              enabled: true,
            },
          });
        }
    const savedAt = Date.now();
    await expect
      .poll(
        async () => {
          const statuses = await call<{ injecting: boolean }[]>(popup, 'connections.status');
          return statuses.length === CONNECTIONS && statuses.every((s) => s.injecting);
        },
        { timeout: 130_000, intervals: [1_000] },
      )
      .toBe(true);
    const log = await world.sandbox.admin.log();
    const requests = tokenRequests(log).map((entry) => Date.parse(entry.at));
    // Six sessions, six token requests, never more than five in any minute.
    expect(requests).toHaveLength(6);
    for (const at of requests)
      expect(requests.filter((other) => other >= at && other < at + 60_000).length).toBeLessThanOrEqual(5);
    expect(log.filter((entry) => entry.status === 429)).toEqual([]);
    test.info().annotations.push({
      type: 'token requests',
      description: `${requests.length} for 6 sessions, the last ${Math.round((Math.max(...requests) - savedAt) / 1000)} s after the last save`,
    });
  });
});
