// Runs headless Firefox ESR with a fresh profile and a build of the extension installed as a
// temporary add-on (as about:debugging does), driven over Marionette. Used by firefox.spec.ts.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GECKO } from '../../../manifest.config';
import { ELEMENT_KEY, type ElementRef, Marionette } from './marionette';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * The add-on's internal UUID, fixed through the profile so the test knows its pages' origin
 * (Firefox otherwise picks a random one per profile).
 */
export const ADDON_UUID = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
export const ADDON_ORIGIN = `moz-extension://${ADDON_UUID}`;

const PREFS: Record<string, string | number | boolean> = {
  // Any free port; Firefox writes the one it took to MarionetteActivePort in the profile.
  'marionette.port': 0,
  'extensions.webextensions.uuids': JSON.stringify({ [GECKO.id]: ADDON_UUID }),
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.page': 0,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  // Pages' console messages (the extension's among them) go to stdout, for a failing test.
  'devtools.console.stdout.content': true,
};

/** Runs in the parent process (chrome context); Firefox-internal, the one such use here. */
const BACKGROUND_STATE = `
  const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
  return String(ExtensionParent.GlobalManager.getExtension(arguments[0])?.backgroundState);
`;

/** How long Firefox may take to start and to quit. */
const STARTUP_MS = 30_000;

export interface Firefox {
  profile: string;
  /** What Firefox printed, for a failing test's message. */
  output(): string;
  /** Installs the unpacked build in `dir` as a temporary add-on; resolves to its id. */
  installTemporaryAddon(dir: string): Promise<string>;
  navigate(url: string): Promise<void>;
  /** Runs `fn` in the current page (awaiting a returned promise) and returns its result. */
  evaluate<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R>;
  /** Types into an element as a person does, key by key (the page sees input events). */
  type(xpath: string, text: string): Promise<void>;
  click(xpath: string): Promise<void>;
  /**
   * Whether an add-on's background (event) page is "running" or "stopped" right now, read in
   * Firefox's parent process: no extension API can ask without waking the page.
   */
  backgroundState(addonId: string): Promise<string>;
  close(): Promise<void>;
}

async function activePort(profile: string, firefox: ChildProcess, output: () => string): Promise<number> {
  const deadline = Date.now() + STARTUP_MS;
  for (;;) {
    const text = await readFile(path.join(profile, 'MarionetteActivePort'), 'utf8').catch(() => '');
    if (/^\d+\s*$/.test(text)) return Number(text);
    if (firefox.exitCode !== null || firefox.pid === undefined)
      throw new Error(`Firefox exited (${firefox.exitCode}):\n${output()}`);
    if (Date.now() > deadline) throw new Error(`Marionette did not start:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function exited(firefox: ChildProcess): Promise<void> {
  // No pid: it never started, and no 'exit' will come.
  if (firefox.pid === undefined || firefox.exitCode !== null || firefox.signalCode !== null)
    return Promise.resolve();
  return new Promise((resolve) => firefox.once('exit', () => resolve()));
}

/** `prefs` are added to (or override) the profile's preferences above. */
export async function launchFirefox(prefs: typeof PREFS = {}): Promise<Firefox> {
  const profile = await mkdtemp(path.join(tmpdir(), 'jwt-vault-firefox-'));
  await writeFile(
    path.join(profile, 'user.js'),
    Object.entries({ ...PREFS, ...prefs })
      .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});\n`)
      .join(''),
  );
  // Without system access, WebDriver navigates only to http(s), file and blob URLs: not to the
  // add-on's moz-extension:// pages, nor into the parent process (see backgroundState).
  const firefox = spawn(
    FIREFOX,
    ['--headless', '--marionette', '--remote-allow-system-access', '--no-remote', '--profile', profile],
    {
      env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  const collect = (chunk: Buffer) => {
    // Enough to explain a failed start; Firefox can be chatty over a long test.
    log = (log + chunk.toString('utf8')).slice(-20_000);
  };
  firefox.stdout?.on('data', collect);
  firefox.stderr?.on('data', collect);
  // Not installed, say: an 'error' event nobody listens to would end the test worker.
  firefox.once('error', (error) => {
    log += `\ncannot run ${FIREFOX}: ${error.message}`;
  });
  const output = () => log;

  let marionette: Marionette;
  try {
    marionette = await Marionette.connect(await activePort(profile, firefox, output));
    // Element look-ups wait up to 10 s for the element, as a person waits for the page to show
    // it: a view renders after the click that asked for it, not within it.
    await marionette.send('WebDriver:NewSession');
    await marionette.send('WebDriver:SetTimeouts', { implicit: 10_000 });
  } catch (error) {
    firefox.kill('SIGKILL');
    await exited(firefox);
    await rm(profile, { recursive: true, force: true });
    throw error;
  }

  /** The id of the first element matching an XPath expression; fails when there is none. */
  const find = async (xpath: string) =>
    (await marionette.send<ElementRef>('WebDriver:FindElement', { using: 'xpath', value: xpath }))[
      ELEMENT_KEY
    ];
  return {
    profile,
    output,
    installTemporaryAddon: (dir) => marionette.send<string>('Addon:Install', { path: dir, temporary: true }),
    navigate: async (url) => {
      await marionette.send('WebDriver:Navigate', { url });
    },
    evaluate: (fn, ...args) =>
      marionette.send('WebDriver:ExecuteScript', {
        script: `return (${fn.toString()})(...arguments);`,
        args,
      }),
    type: async (xpath, text) => {
      const id = await find(xpath);
      await marionette.send('WebDriver:ElementClear', { id });
      await marionette.send('WebDriver:ElementSendKeys', { id, text });
    },
    click: async (xpath) => {
      await marionette.send('WebDriver:ElementClick', { id: await find(xpath) });
    },
    backgroundState: async (addonId) => {
      await marionette.send('Marionette:SetContext', { value: 'chrome' });
      try {
        return await marionette.send<string>('WebDriver:ExecuteScript', {
          script: BACKGROUND_STATE,
          args: [addonId],
        });
      } finally {
        await marionette.send('Marionette:SetContext', { value: 'content' });
      }
    },
    close: async () => {
      // A clean quit first (Firefox then removes its lock files); a kill if it hangs.
      await marionette.send('Marionette:Quit', { flags: ['eForceQuit'] }).catch(() => {});
      marionette.close();
      const timer = setTimeout(() => firefox.kill('SIGKILL'), STARTUP_MS);
      await exited(firefox);
      clearTimeout(timer);
      await rm(profile, { recursive: true, force: true });
    },
  };
}
