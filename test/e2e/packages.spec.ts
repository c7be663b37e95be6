// The store packages: `npm run package` zips the Chrome build (DIST) and the Firefox build
// (FIREFOX_DIST, from `npm run build:firefox`) the way the stores take them, and web-ext lint
// accepts the Firefox one. Reads builds and runs Node tools; no browser, so it runs with e2e.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { GECKO } from '../../manifest.config';
import { DIST } from './harness';
import { pngSize } from './png';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const FIREFOX_DIST = path.resolve(process.env.FIREFOX_DIST ?? path.join(ROOT, 'dist-firefox'));
const { version } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
};

type Zip = Record<string, Uint8Array>;
interface Manifest {
  manifest_version: number;
  version: string;
  minimum_chrome_version?: string;
  background?: { service_worker?: string; scripts?: string[]; type?: string };
  browser_specific_settings?: { gecko?: { id?: string; strict_min_version?: string } };
  icons?: Record<string, string>;
  action?: { default_icon?: Record<string, string> };
}

let work: string;

/** `npm run package` over the given builds, into `out`; resolves to the two zips' bytes. */
async function pack(out: string, builds: { chrome?: string; firefox?: string } = {}, ...flags: string[]) {
  const args = [
    '--out',
    out,
    '--chrome-dir',
    builds.chrome ?? DIST,
    '--firefox-dir',
    builds.firefox ?? FIREFOX_DIST,
  ];
  await run(process.execPath, ['--import', 'tsx', 'scripts/package.ts', ...args, ...flags], { cwd: ROOT });
  const [chrome, firefox] = await Promise.all(
    ['chrome', 'firefox'].map((browser) => readFile(path.join(out, `jwt-vault-${browser}-${version}.zip`))),
  );
  return { chrome: chrome as Buffer, firefox: firefox as Buffer };
}

function manifestOf(zip: Zip): Manifest {
  expect(Object.keys(zip), 'manifest.json at the root of the zip').toContain('manifest.json');
  return JSON.parse(new TextDecoder().decode(zip['manifest.json'])) as Manifest;
}

/** The files a script imports by relative path, resolved against its place in the zip. */
function relativeImports(zip: Zip, file: string): string[] {
  const text = new TextDecoder().decode(zip[file]);
  return [...text.matchAll(/import\s*(?:[^'"]*from\s*)?['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) =>
    path.posix.join(path.posix.dirname(file), match[1] ?? ''),
  );
}

function expectNoMapsOrTests(zip: Zip) {
  const names = Object.keys(zip);
  expect(names.filter((name) => name.endsWith('.map'))).toEqual([]);
  expect(names.filter((name) => /(^|\/)(test|tests|e2e)\/|\.(test|spec)\./.test(name))).toEqual([]);
}

let zips: { chrome: Zip; firefox: Zip };
let bytes: { chrome: Buffer; firefox: Buffer };

test.beforeAll(async () => {
  const builds: [string, string][] = [
    [DIST, 'npm run build'],
    [FIREFOX_DIST, 'npm run build:firefox'],
  ];
  for (const [build, command] of builds) {
    expect(existsSync(path.join(build, 'manifest.json')), `no build in ${build}: run ${command}`).toBe(true);
  }
  work = await mkdtemp(path.join(tmpdir(), 'jwt-vault-packages-'));
  bytes = await pack(path.join(work, 'first'));
  zips = { chrome: unzipSync(bytes.chrome), firefox: unzipSync(bytes.firefox) };
});

test.afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

test('packing the same builds again gives byte-identical zips, entries in sorted order', async () => {
  const again = await pack(path.join(work, 'second'));
  expect(again.chrome.equals(bytes.chrome), 'Chrome zip identical').toBe(true);
  expect(again.firefox.equals(bytes.firefox), 'Firefox zip identical').toBe(true);
  for (const zip of [zips.chrome, zips.firefox]) {
    const names = Object.keys(zip);
    expect(names).toEqual([...names].sort());
  }
});

test('the Chrome zip runs its background as a service worker and carries no Firefox settings', () => {
  const manifest = manifestOf(zips.chrome);
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.version).toBe(version);
  expect(manifest.browser_specific_settings).toBeUndefined();
  expect(manifest.background?.scripts).toBeUndefined();
  const worker = manifest.background?.service_worker ?? '';
  expect(Object.keys(zips.chrome)).toContain(worker);
  expect(Object.keys(zips.chrome)).toEqual(expect.arrayContaining(relativeImports(zips.chrome, worker)));
  expectNoMapsOrTests(zips.chrome);
});

test('the Firefox zip runs its background as an event page, with its gecko id and minimum version', () => {
  const manifest = manifestOf(zips.firefox);
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.version).toBe(version);
  expect(manifest.minimum_chrome_version).toBeUndefined();
  expect(manifest.background?.service_worker).toBeUndefined();
  expect(manifest.browser_specific_settings?.gecko).toMatchObject({
    id: GECKO.id,
    strict_min_version: GECKO.strict_min_version,
  });
  const scripts = manifest.background?.scripts ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) {
    expect(Object.keys(zips.firefox)).toContain(script);
    expect(Object.keys(zips.firefox)).toEqual(expect.arrayContaining(relativeImports(zips.firefox, script)));
  }
  expectNoMapsOrTests(zips.firefox);
});

test('both zips carry every icon the manifest names, as a PNG of the size it is listed under', () => {
  for (const zip of [zips.chrome, zips.firefox]) {
    const manifest = manifestOf(zip);
    // The stores require a 128 px icon; the toolbar uses the small ones.
    expect(Object.keys(manifest.icons ?? {})).toEqual(expect.arrayContaining(['16', '48', '128']));
    const listed = [
      ...Object.entries(manifest.icons ?? {}),
      ...Object.entries(manifest.action?.default_icon ?? {}),
    ];
    for (const [size, file] of listed) {
      expect(pngSize(zip[file]), `${file} is a PNG`).toEqual({ width: Number(size), height: Number(size) });
    }
  }
});

test('source maps ship only when asked for and beside their script, test files never', async () => {
  const build = path.join(work, 'build-with-extras');
  await cp(DIST, build, { recursive: true });
  await writeFile(path.join(build, 'assets/extra.js'), '');
  await writeFile(path.join(build, 'assets/extra.js.map'), '{"version":3}');
  await writeFile(path.join(build, 'assets/orphan.js.map'), '{"version":3}');
  await mkdir(path.join(build, 'test'));
  await writeFile(path.join(build, 'test/helper.js'), '');
  await writeFile(path.join(build, 'assets/extra.spec.js'), '');

  const plain = unzipSync((await pack(path.join(work, 'plain'), { chrome: build })).chrome);
  expect(Object.keys(plain)).not.toContain('assets/extra.js.map');
  expectNoMapsOrTests(plain);

  const withMaps = unzipSync((await pack(path.join(work, 'maps'), { chrome: build }, '--sourcemaps')).chrome);
  expect(Object.keys(withMaps)).toContain('assets/extra.js.map');
  // A map whose script is not shipped maps nothing.
  expect(Object.keys(withMaps)).not.toContain('assets/orphan.js.map');
  expect(Object.keys(withMaps)).not.toContain('test/helper.js');
  expect(Object.keys(withMaps)).not.toContain('assets/extra.spec.js');
});

test('web-ext lint finds no error in the Firefox zip', async () => {
  test.setTimeout(120_000);
  const source = path.join(work, 'firefox-unpacked');
  for (const [name, data] of Object.entries(zips.firefox)) {
    await mkdir(path.dirname(path.join(source, name)), { recursive: true });
    await writeFile(path.join(source, name), data);
  }
  const webExt = path.join(ROOT, 'node_modules/web-ext/bin/web-ext.js');
  const lint = ['lint', '--source-dir', source, '--output', 'json', '--no-config-discovery', '--no-input'];
  // web-ext exits non-zero when it finds errors; the JSON report is on stdout either way.
  const { stdout } = await run(process.execPath, [webExt, ...lint], { cwd: ROOT }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  const report = JSON.parse(stdout) as {
    errors: { code: string; message: string; file?: string }[];
    warnings: { code: string; file?: string }[];
  };
  test.info().annotations.push({
    type: 'web-ext lint warnings',
    description:
      report.warnings.map((warning) => `${warning.code} ${warning.file ?? ''}`).join('; ') || 'none',
  });
  expect(report.errors).toEqual([]);
});
