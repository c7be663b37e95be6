// `npm start`: build the extension, start the sandbox (a local RingCentral-compatible server)
// and Swagger UI on a second local origin, then open Chromium with the extension in a fresh
// profile. With a display it is yours to try; with --headless (or no DISPLAY) it runs the whole
// journey itself and prints each step. `--screenshots DIR` (headless) also saves the README's
// pictures of the popup and of Swagger UI there. EXTENSION_DIST builds and loads the extension
// from another folder than dist/. Ctrl-C stops everything it started.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startSandbox } from '../sandbox';
import { demoCredentials } from '../sandbox/demo-credentials';
import { launchWithExtension, popupUrl } from './chromium';
import { journey } from './journey';
import { startSwaggerTool } from './swagger-tool';

const ROOT = path.resolve(import.meta.dirname, '..');
const PASSWORD = 'correct horse battery staple';
const DIST = path.resolve(process.env.EXTENSION_DIST ?? path.join(ROOT, 'dist'));

function build(): void {
  process.stdout.write('Building the extension… ');
  const started = Date.now();
  const args = ['vite', 'build', '--logLevel', 'error', '--outDir', DIST, '--emptyOutDir'];
  const result = spawnSync('npx', args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the build failed (see above)');
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      headless: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      port: { type: 'string', default: '8788' },
      'tool-port': { type: 'string', default: '8789' },
      screenshots: { type: 'string' },
    },
  });
  // The pictures come from the journey, which only the headless run plays.
  const screenshots = values.screenshots === undefined ? undefined : path.resolve(values.screenshots);
  const headless = values.headless || !process.env.DISPLAY || screenshots !== undefined;
  if (!values['no-build']) build();

  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  };
  process.once('SIGINT', () => {
    console.log('\nStopping…');
    void stop().then(() => process.exit(130));
  });

  try {
    const sandbox = await startSandbox({ port: Number(values.port), rateLimit: false });
    cleanups.push(() => sandbox.close());
    // The tool runs on "localhost", the API on 127.0.0.1: two origins, as with a real API.
    const tool = await startSwaggerTool(sandbox.url, {
      host: '127.0.0.1',
      port: Number(values['tool-port']),
      name: 'localhost',
    });
    cleanups.push(() => tool.close());
    const profile = await mkdtemp(path.join(tmpdir(), 'jwt-vault-demo-'));
    cleanups.push(() => rm(profile, { recursive: true, force: true }));
    const browser = await launchWithExtension({
      dist: DIST,
      userDataDir: profile,
      headless,
      // The README's popup picture at twice its CSS size stays sharp on high-density screens.
      ...(screenshots ? { deviceScaleFactor: 2 } : {}),
    });
    cleanups.push(() => browser.context.close());
    const demo = demoCredentials(sandbox);

    console.log(`
Sandbox API   ${sandbox.url}   (RingCentral-compatible, demo user Alice)
Swagger UI    ${tool.origin}
Popup         ${popupUrl(browser.extensionId)}
`);
    if (headless) {
      console.log('No display (or --headless): running the journey headless.\n');
      const steps = journey({
        context: browser.context,
        extensionId: browser.extensionId,
        password: PASSWORD,
        env: demo.env,
        apiUrl: `${sandbox.url}/restapi/`,
        toolOrigin: tool.origin,
        screenshots,
      });
      for (const [index, step] of steps.entries()) {
        const label = `${index + 1}. ${step.title}`;
        try {
          console.log(`✔ ${label}: ${await step.run()}`);
        } catch (error) {
          console.log(`✘ ${label}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
          return 1;
        }
      }
      console.log('\nThe tool’s request was authenticated by the extension. Done.');
      if (screenshots) console.log(`Screenshots: popup.png and demo.png in ${screenshots}`);
      return 0;
    }

    const [first] = browser.context.pages();
    await (first ?? (await browser.context.newPage())).goto(`${tool.origin}/`);
    await (await browser.context.newPage()).goto(popupUrl(browser.extensionId));
    console.log(`What to do, in the browser that just opened:
1. In the JWT Vault tab, choose a master password, e.g.  ${PASSWORD}
2. Import from .env — paste this block:

${demo.env}

3. Add a connection: API base URL ${sandbox.url}/restapi/ , tool origin ${tool.origin}
4. In the Swagger UI tab: open GET …/extension/{extensionId}, "Try it out", "Execute": 200,
   with no token typed anywhere.

Ctrl-C stops the browser, the sandbox and Swagger UI.`);
    await new Promise<void>((resolve) => browser.context.once('close', () => resolve()));
    return 0;
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
