// `npm ci` runs only the install scripts the build needs, and none that reports to a vendor.
// Reads package-lock.json (what npm will install), package.json's allowScripts (what npm lets
// run) and .npmrc (which makes an unreviewed script fail the install instead of running).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const json = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

/**
 * Install scripts that run: the version whose script was read, and why the build needs it.
 * npm can pin an allowScripts entry only to a lockfile entry with a `resolved` URL, which this
 * lockfile leaves out; so allowScripts names the package and this list holds the version.
 */
const ALLOWED: Record<string, { reviewed: string; why: string }> = {
  esbuild: {
    reviewed: '0.28.2',
    why:
      'checks that its platform binary (@esbuild/<os>-<cpu>) arrived and links bin/esbuild to it; ' +
      'vite and tsx (sandbox, demo, scripts) call esbuild',
  },
};

/** Install scripts that never run, each with the reason. */
const DENIED: Record<string, string> = {
  '@scarf/scarf':
    "swagger-ui-dist's install analytics: its postinstall reports the install to Scarf; nothing uses it",
};

interface Locked {
  name: string;
  version: string;
}

/** Every package in the lockfile that declares an install script. */
function withInstallScripts(): Locked[] {
  const lock = json('package-lock.json') as {
    packages: Record<string, { version?: string; hasInstallScript?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([where, entry]) => where !== '' && entry.hasInstallScript)
    .map(([where, entry]) => ({
      name: where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length),
      version: entry.version ?? '',
    }));
}

describe('install scripts', () => {
  const scripted = withInstallScripts();
  const allowScripts = (json('package.json').allowScripts ?? {}) as Record<string, boolean>;

  it('finds the install scripts in the lockfile at all', () => {
    // esbuild has one for as long as vite and tsx depend on it: an empty list means a broken reader.
    expect(scripted.map((p) => p.name)).toContain('esbuild');
  });

  it('lets an install script run only if it is on the reviewed list, at the version reviewed', () => {
    const unreviewed = scripted.filter((p) => !(p.name in ALLOWED) && !(p.name in DENIED));
    expect(unreviewed, 'add each to ALLOWED or DENIED with its reason').toEqual([]);
    for (const { name, version } of scripted.filter((p) => p.name in ALLOWED)) {
      expect(version, `${name}'s install script was read at another version: read it again`).toBe(
        ALLOWED[name]?.reviewed,
      );
      expect(allowScripts[name], `allowScripts["${name}"]`).toBe(true);
    }
    for (const name of Object.keys(DENIED)) {
      expect(allowScripts[name], `allowScripts["${name}"]`).toBe(false);
    }
  });

  it('allows nothing beyond the list, and nothing the lockfile no longer holds', () => {
    const locked = new Set(scripted.map((p) => p.name));
    const allowed = Object.entries(allowScripts)
      .filter(([, run]) => run)
      .map(([name]) => name);
    expect(allowed.filter((name) => !locked.has(name) || !(name in ALLOWED))).toEqual([]);
  });

  it('switches Scarf off as well, for an npm that still runs denied scripts', () => {
    expect(json('package.json').scarfSettings).toEqual({ enabled: false });
  });

  it('makes an unreviewed install script fail the install', () => {
    const npmrc = readFileSync(path.join(root, '.npmrc'), 'utf8');
    expect(npmrc).toMatch(/^strict-allow-scripts\s*=\s*true\s*$/m);
  });
});
