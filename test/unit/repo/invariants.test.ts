// Repository invariants: rules that hold for the whole tree, checked like any behaviour.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import manifest from '../../../manifest.config';

const root = path.resolve(import.meta.dirname, '../../..');

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => pattern.test(file))
    .map((file) => path.join(dir, file));
}

describe('repository invariants', () => {
  it('documents every permission in the README with its reason', async () => {
    const resolved = await (typeof manifest === 'function'
      ? manifest({ command: 'build', mode: 'production' })
      : manifest);
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const permissions = [...(resolved.permissions ?? []), ...(resolved.optional_permissions ?? [])];
    expect(permissions.length).toBeGreaterThan(0);
    for (const permission of permissions) {
      expect(readme).toMatch(new RegExp(`^\\| \`${permission}\` \\| .{20,}`, 'm'));
    }
  });

  it('opens every source module with a comment saying what it is for', () => {
    const sources = filesUnder('src', /\.(ts|tsx)$/);
    expect(sources.length).toBeGreaterThan(10);
    const bare = sources.filter((file) => !readFileSync(path.join(root, file), 'utf8').startsWith('//'));
    expect(bare).toEqual([]);
  });

  it('leaves no focused or skipped test behind', () => {
    const tests = [...filesUnder('test', /\.(ts|tsx)$/)];
    const focused = tests.filter((file) =>
      /\b(it|test|describe)\.(only|skip|todo)\(|\bx(it|describe)\(/.test(
        readFileSync(path.join(root, file), 'utf8'),
      ),
    );
    expect(focused).toEqual([]);
  });
});
