// Store-ready zips for the Chrome Web Store and addons.mozilla.org, from the same sources:
//   npm run package [-- --sourcemaps] [--out DIR] [--chrome-dir DIR --firefox-dir DIR]
// Builds both browsers afresh into DIR/build/ (never dist/, which may be loaded unpacked), then
// writes DIR/jwt-vault-<browser>-<version>.zip. Entries are sorted and stamped with one fixed
// time, so the same build gives byte-identical zips. Source maps ship only with --sourcemaps;
// test files never do. --chrome-dir/--firefox-dir zip existing builds instead of building.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type Zippable, zipSync } from 'fflate';

const root = path.resolve(import.meta.dirname, '..');

export const BROWSERS = ['chrome', 'firefox'] as const;
export type Browser = (typeof BROWSERS)[number];

/** The vite mode that builds each browser (see vite.config.ts). */
const MODES: Record<Browser, string> = { chrome: 'production', firefox: 'firefox' };

/** DOS time has no zone: built from local fields, it reads 1980-01-01 00:00 in every zone. */
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);

const TEST_FILE = /(^|\/)(test|tests|__tests__|e2e)\/|\.(test|spec)\.[cm]?[jt]sx?$/;

/** Whether a built file belongs in a store package. */
export function isShipped(file: string, options: { sourcemaps: boolean }): boolean {
  if (file.split('/').some((part) => part.startsWith('.'))) return false;
  if (TEST_FILE.test(file)) return false;
  return options.sourcemaps || !file.endsWith('.map');
}

/** Every file under `dir`, as sorted POSIX paths relative to it. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** The zip of a build: the shipped files in sorted order, all with the same timestamp. */
export function zipBuild(
  dir: string,
  options: { sourcemaps: boolean },
): { files: string[]; zip: Uint8Array } {
  const shipped = listFiles(dir).filter((file) => isShipped(file, options));
  // A map without its script (crxjs leaves some for its own build-time stubs) maps nothing.
  const files = shipped.filter((file) => !file.endsWith('.map') || shipped.includes(file.slice(0, -4)));
  const entries: Zippable = {};
  for (const file of files) {
    entries[file] = [readFileSync(path.join(dir, file)), { level: 9, mtime: FIXED_TIME }];
  }
  return { files, zip: zipSync(entries) };
}

export function packageName(browser: Browser, version: string): string {
  return `jwt-vault-${browser}-${version}.zip`;
}

function build(browser: Browser, outDir: string, sourcemaps: boolean): void {
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const args = [
    vite,
    'build',
    '--mode',
    MODES[browser],
    '--outDir',
    outDir,
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ];
  if (sourcemaps) args.push('--sourcemap');
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`the ${browser} build failed`);
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      sourcemaps: { type: 'boolean', default: false },
      out: { type: 'string', default: 'packages' },
      'chrome-dir': { type: 'string' },
      'firefox-dir': { type: 'string' },
    },
  });
  const out = path.resolve(root, values.out);
  const sourcemaps = values.sourcemaps;
  const given: Record<Browser, string | undefined> = {
    chrome: values['chrome-dir'],
    firefox: values['firefox-dir'],
  };
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  mkdirSync(out, { recursive: true });

  for (const browser of BROWSERS) {
    const dir = given[browser] ? path.resolve(given[browser]) : path.join(out, 'build', browser);
    if (!given[browser]) build(browser, dir, sourcemaps);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
      version?: string;
    };
    if (manifest.version !== version) {
      console.error(`${dir}: manifest version ${manifest.version} is not package.json's ${version}`);
      return 1;
    }
    const { files, zip } = zipBuild(dir, { sourcemaps });
    const file = path.join(out, packageName(browser, version));
    writeFileSync(file, zip);
    const sha256 = createHash('sha256').update(zip).digest('hex');
    console.log(`${path.relative(root, file)}  ${zip.length} bytes  sha256 ${sha256}`);
    for (const entry of files) console.log(`  ${entry}`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
