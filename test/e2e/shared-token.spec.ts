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
});
