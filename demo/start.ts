// `npm start`: build the extension, start the sandbox (a local server that stands in for
// RingCentral, Google, Salesforce, Okta, Auth0, Entra, Zoom, Box and DocuSign) and Swagger UI on
// a second local origin, save each provider's demo files in a folder, then open Chromium with the
// extension in a fresh profile. With a display it is yours to try, and it prints the steps for
// one provider (`--provider NAME`, RingCentral by default); with --headless (or no DISPLAY) it
// runs that journey itself and prints each step (`--provider all`: every provider, one vault).
// `--screenshots DIR` (headless) also saves the README's pictures of the popup and of Swagger UI
// there. EXTENSION_DIST builds and loads the extension from another folder than dist/. Ctrl-C
// stops everything it started.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startSandbox } from '../sandbox';
import { launchWithExtension, popupUrl } from './chromium';
import { journey } from './journey';
import { demoApiName } from './openapi';
import { DEMO_PROVIDERS, type DemoCredential, demoCredentialsFor, isDemoProvider } from './providers';
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

/** Saves every provider's file (and each value of several lines) in a new folder. */
async function saveDemoFiles(credentials: DemoCredential[]): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'jwt-vault-demo-files-'));
  for (const credential of credentials) {
    await writeFile(path.join(folder, credential.file.name), credential.file.text, { mode: 0o600 });
    for (const step of credential.steps)
      if ('file' in step && step.file)
        await writeFile(path.join(folder, step.file), step.value, { mode: 0o600 });
  }
  return folder;
}

/** The journey's steps in words, for a person at the browser: the same steps the headless run plays. */
function instructions(credentials: DemoCredential[], files: string, toolOrigin: string): string {
  const lines = [
    'What to do, in the browser that just opened:',
    `1. In the JWT Vault tab, choose a master password, e.g.  ${PASSWORD}`,
  ];
  let n = 2;
  for (const credential of credentials) {
    const file = path.join(files, credential.file.name);
    const fields = credential.steps.map((step) => {
      if ('check' in step) return `     choose “${step.check}”`;
      if (step.file) return `     ${step.fill}: the contents of ${path.join(files, step.file)}`;
      return `     ${step.fill}: ${step.value}`;
    });
    lines.push(
      credential.via === 'import'
        ? `${n}. ${credential.name}: Credentials → Import from .env, paste the contents of ${file}, then`
        : `${n}. ${credential.name}: Credentials → Add credential → “Or choose the file”: ${file}, then`,
      ...fields,
      `   and save.`,
      `${n + 1}. Home → Add connection: credential “${credential.label}”, API base URL ${credential.apiUrl},`,
      `   tool origin ${toolOrigin}; Save connection.`,
      `${n + 2}. In the Swagger UI tab: pick “${demoApiName(credential.provider)}” at the top, open GET ${credential.operation},`,
      '   “Try it out”, “Execute”: 200, with no token typed anywhere.',
    );
    n += 3;
  }
  const others = DEMO_PROVIDERS.filter((p) => !credentials.some((c) => c.provider === p));
  if (others.length > 0)
    lines.push(
      '',
      `Another provider: npm start -- --provider ${others.join('|')} (its files are in the folder above).`,
    );
  lines.push('', 'Ctrl-C stops the browser, the sandbox and Swagger UI.');
  return lines.join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      headless: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      port: { type: 'string', default: '8788' },
      'tool-port': { type: 'string', default: '8789' },
      screenshots: { type: 'string' },
      provider: { type: 'string', default: 'ringcentral' },
    },
  });
  const provider = values.provider;
  if (provider !== 'all' && !isDemoProvider(provider))
    throw new Error(`--provider: one of ${DEMO_PROVIDERS.join(', ')} or all, not "${provider}"`);
  // The pictures come from the journey, which only the headless run plays.
  const screenshots = values.screenshots === undefined ? undefined : path.resolve(values.screenshots);
  const headless = values.headless || !process.env.DISPLAY || screenshots !== undefined;
  if (!values['no-build']) build();

  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      console.log('\nStopping…');
      void stop().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
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
    const all = await demoCredentialsFor(sandbox);
    const files = await saveDemoFiles(Object.values(all));
    cleanups.push(() => rm(files, { recursive: true, force: true }));
    const credentials = provider === 'all' ? Object.values(all) : [all[provider]];

    console.log(`
Sandbox API   ${sandbox.url}   (stands in for ${Object.values(all)
      .map((c) => c.name)
      .join(', ')})
Swagger UI    ${tool.origin}   (one definition per API: pick it at the top)
Popup         ${popupUrl(browser.extensionId)}
Demo files    ${files}   (what each provider's console gives you)
`);
    if (headless) {
      console.log('No display (or --headless): running the journey headless.\n');
      const steps = journey({
        context: browser.context,
        extensionId: browser.extensionId,
        password: PASSWORD,
        credentials,
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
      console.log(
        `\nThe tool’s ${credentials.length === 1 ? 'request was' : 'requests were'} authenticated by the extension. Done.`,
      );
      if (screenshots) console.log(`Screenshots: popup.png and demo.png in ${screenshots}`);
      return 0;
    }

    const [first] = browser.context.pages();
    // Swagger UI opens on the definition of the (first) provider whose steps are printed.
    await (first ?? (await browser.context.newPage())).goto(
      `${tool.origin}/?api=${credentials[0]?.provider}`,
    );
    await (await browser.context.newPage()).goto(popupUrl(browser.extensionId));
    console.log(instructions(credentials, files, tool.origin));
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
