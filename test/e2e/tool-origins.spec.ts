// Exact tool origins in real Chromium: the header reaches only tabs whose page is on an allowed
// origin exactly (scheme, host and port) — not another port of the same host, not 127.0.0.1 for
// localhost, not the allowed tab once it navigates away, not a sub-domain or the http twin even
// where host access is broad, not the tool's own service worker. Frames inside an allowed tab
// get it only when they are on the tool's host (the browser cannot tell ports apart in a tab).
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';
import { call, DIST, launch, newProfileDir, openPopup, removeProfile } from './harness';
import { region } from './popup-steps';
import { selfSignedCertificate } from './tls';
import { startToolServer, type ToolServer } from './tool-server';
import {
  connect,
  ME,
  openTool,
  PASSWORD,
  startWorld,
  stopWorld,
  tabPinned,
  toolFetch,
  type World,
} from './world';

/** Which origins' calls to the API carried the Bearer header, as the sandbox saw them. */
async function bearerByOrigin(world: World): Promise<[string | null, string][]> {
  return (await world.sandbox.admin.log())
    .filter((entry) => entry.path === ME)
    .map((entry) => [entry.origin, entry.authScheme]);
}

test.describe('exact tool origins', () => {
  let world: World;
  let otherPort: ToolServer;
  test.beforeEach(async () => {
    world = await startWorld();
    // Another dev server on the tool's own host: a notebook, a second app.
    otherPort = await startToolServer('127.0.0.1', 'localhost');
  });
  test.afterEach(async () => {
    await Promise.all([stopWorld(world), otherPort.close()]);
  });

  test('only tabs on the exact origin get the header, and a tab that leaves loses it', async ({
    extension,
  }) => {
    const popup = await openPopup(extension);
    await connect(popup, world);
    const api = `${world.sandbox.url}${ME}`;
    const tool = await openTool(extension, world.tool.origin);
    const samePortOtherName = world.tool.origin.replace('localhost', '127.0.0.1');
    await world.sandbox.admin.clearLog();

    expect((await toolFetch(tool, api)).status).toBe(200);
    const otherPortPage = await openTool(extension, otherPort.origin, { pinned: false });
    expect((await toolFetch(otherPortPage, api)).status).toBe(401);
    const loopbackPage = await openTool(extension, samePortOtherName, { pinned: false });
    expect((await toolFetch(loopbackPage, api)).status).toBe(401);

    // A reload and a second tab of the same origin keep working.
    await tool.reload();
    expect((await toolFetch(tool, api)).status).toBe(200);
    const second = await openTool(extension, world.tool.origin);
    expect((await toolFetch(second, api)).status).toBe(200);

    // The allowed tab navigates to another port of the same host: no header there.
    await tool.goto(`${otherPort.origin}/`);
    expect((await toolFetch(tool, api)).status).toBe(401);
    await tool.goto(`${world.tool.origin}/`);
    await expect.poll(() => tabPinned(extension, tool)).toBe(true);
    expect((await toolFetch(tool, api)).status).toBe(200);

    expect(await bearerByOrigin(world)).toEqual([
      [world.tool.origin, 'Bearer'],
      [otherPort.origin, 'none'],
      [samePortOtherName, 'none'],
      [world.tool.origin, 'Bearer'],
      [world.tool.origin, 'Bearer'],
      [otherPort.origin, 'none'],
      [world.tool.origin, 'Bearer'],
    ]);

    // The popup says how many tool tabs there are, and who called without being allowed.
    await popup.reload();
    const item = (await region(popup, 'Connections')).getByRole('listitem').first();
    await expect(item).toContainText(`from ${world.tool.origin} only: 2 tabs`);
    await expect(item).toContainText(`2 requests from ${otherPort.origin} got no token`);
    await expect(item).toContainText(`1 request from ${samePortOtherName} got no token`);

    // A navigation that never commits (a 204 elsewhere) leaves the tab on the tool: it is
    // unpinned as the navigation starts, and pinned again once it has ended.
    await tool.evaluate((url) => {
      location.href = url;
    }, `${otherPort.origin}/no-content`);
    await expect.poll(async () => (await toolFetch(tool, api)).status).toBe(200);
    expect(tool.url()).toBe(`${world.tool.origin}/`);
    expect(await tabPinned(extension, tool)).toBe(true);
  });

  test("frames in a tool tab get it only from the tool's host; the tool's service worker never", async ({
    extension,
  }) => {
    const popup = await openPopup(extension);
    await connect(popup, world);
    const api = `${world.sandbox.url}${ME}`;
    const tool = await openTool(extension, world.tool.origin);
    await tool.evaluate(
      async ([a, b]) => {
        for (const src of [a, b]) {
          const frame = document.createElement('iframe');
          frame.src = `${src}/`;
          document.body.append(frame);
          await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
        }
      },
      [otherPort.origin, world.otherTool.origin],
    );
    const frameOn = (origin: string) => tool.frames().find((frame) => frame.url().startsWith(origin))!;
    const fetchFrom = (origin: string) =>
      frameOn(origin).evaluate(async (url) => (await fetch(url)).status, api);
    // The browser's tab condition cannot tell a frame's port: same host, same tab, header.
    expect(await fetchFrom(otherPort.origin)).toBe(200);
    expect(await fetchFrom(world.otherTool.origin)).toBe(401);

    const viaServiceWorker = await tool.evaluate(async (url) => {
      const registration = await navigator.serviceWorker.register('/sw.js');
      await navigator.serviceWorker.ready;
      const answer = new Promise<number>((resolve) =>
        navigator.serviceWorker.addEventListener('message', (event) => resolve(event.data), { once: true }),
      );
      (registration.active ?? registration.installing ?? registration.waiting)!.postMessage(url);
      return answer;
    }, api);
    expect(viaServiceWorker).toBe(401);
  });
});

test('sub-domains and the http twin get no header, even with host access to every site', async () => {
  const world = await startWorld();
  const names = ['tool.test', 'sub.tool.test'];
  const https = await startToolServer('127.0.0.1', 'tool.test', await selfSignedCertificate(names));
  const twin = await startToolServer('127.0.0.1', 'tool.test');
  // A build as a user sees it after granting "on all sites": the same code, broad host access.
  const dist = await newProfileDir();
  await cp(DIST, dist, { recursive: true });
  const manifestPath = path.join(dist, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  manifest.host_permissions = ['https://*/*', 'http://*/*'];
  await writeFile(manifestPath, JSON.stringify(manifest));
  const launched = await launch(undefined, {
    dist,
    args: [
      '--host-resolver-rules=MAP tool.test 127.0.0.1, MAP sub.tool.test 127.0.0.1',
      '--ignore-certificate-errors',
    ],
  });
  try {
    const popup = await openPopup(launched);
    await connect(popup, world);
    const [connection] = await call<{ id: string; credentialId: string; appId: string }[]>(
      popup,
      'connections.list',
    );
    await call(popup, 'connections.save', {
      connection: {
        ...connection,
        apiBaseUrl: `${world.sandbox.url}/restapi/`,
        toolOrigins: [https.origin],
        enabled: true,
      },
      password: PASSWORD,
    });
    const api = `${world.sandbox.url}${ME}`;
    const tool = await openTool(launched, https.origin);
    const sub = await openTool(launched, https.origin.replace('tool.test', 'sub.tool.test'), {
      pinned: false,
    });
    const httpTwin = await openTool(launched, twin.origin, { pinned: false });
    await world.sandbox.admin.clearLog();
    expect((await toolFetch(tool, api)).status).toBe(200);
    expect((await toolFetch(sub, api)).status).toBe(401);
    expect((await toolFetch(httpTwin, api)).status).toBe(401);
    expect((await bearerByOrigin(world)).map(([, scheme]) => scheme)).toEqual(['Bearer', 'none', 'none']);
    // The popup says that the extension's site access reaches past the tool origin.
    await popup.reload();
    const item = (await region(popup, 'Connections')).getByRole('listitem').first();
    await expect(item).toContainText('Site access to https://*/* also covers sub-domains of tool.test.');
    await expect(item).toContainText(`covers http://tool.test, the unencrypted twin of ${https.origin}`);
    await popup.setViewportSize({ width: 380, height: 600 });
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      await item.screenshot({ path: `test-results/screenshots/connection-wider-access-${scheme}.png` });
    }
  } finally {
    await launched.close().catch(() => {});
    await removeProfile(launched.userDataDir);
    await rm(dist, { recursive: true, force: true });
    await Promise.all([stopWorld(world), https.close(), twin.close()]);
  }
});
