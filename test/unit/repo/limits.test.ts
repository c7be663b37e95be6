// Every size limit has one source, src/core/vault/limits.ts: the message validators and the
// popup's fields read it instead of restating a number. A restated copy is how the note limit
// drifted (4,000 at the message boundary, 10,000 in the vault).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/core/vault/limits';

const root = path.resolve(import.meta.dirname, '../../..');

/** The source without comments and string contents, so only code is searched. */
function codeOf(file: string): string {
  return readFileSync(path.join(root, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
}

/** Every number in the table, nested ranges included. */
function tableNumbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(tableNumbers);
  return [];
}

const numbers = /\b\d[\d_]*\b/g;

describe('limits', () => {
  it('the message validators restate no number: every limit comes from the table', () => {
    const code = codeOf('src/shared/request-validators.ts');
    // From the first validator helper to the end of the validator table.
    const start = code.search(/^const \w+ = (?:string|optional|array|object)\(/m);
    const end = code.indexOf('satisfies', start);
    expect(start, 'the validator helpers are where this test looks').toBeGreaterThan(0);
    expect(end, 'the validator table ends with `satisfies`').toBeGreaterThan(start);
    const literals = code.slice(start, end).match(numbers) ?? [];
    const known = new Set(tableNumbers(LIMITS));
    expect(literals.map((n) => (known.has(Number(n.replaceAll('_', ''))) ? `${n} (in LIMITS)` : n))).toEqual(
      [],
    );
  });

  it('the popup sets no length limit on a field by a number of its own', () => {
    const components = readdirSync(path.join(root, 'src/popup'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.tsx'))
      .map((file) => path.join('src/popup', file));
    expect(components.length).toBeGreaterThan(10);
    const restated = components.flatMap((file) =>
      [...codeOf(file).matchAll(/\b(maxLength|minLength)=\{?\s*\d/gi)].map((m) => `${file}: ${m[0]}`),
    );
    expect(restated).toEqual([]);
  });
});
