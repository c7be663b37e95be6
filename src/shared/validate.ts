// Tiny payload validators for the message boundary: every request from a page is checked
// against one of these before a handler sees it. Errors name the field, never its value.
import { InvalidInputError } from '../core/errors';

export type Validator<T> = (value: unknown, path: string) => T;

function fail(path: string, expected: string): never {
  throw new InvalidInputError(`Invalid request: ${path} must be ${expected}.`);
}

export const string =
  (maxLength = 16_384): Validator<string> =>
  (value, path) => {
    if (typeof value !== 'string') fail(path, 'a string');
    if (value.length > maxLength) fail(path, `at most ${maxLength} characters`);
    return value;
  };

export const boolean: Validator<boolean> = (value, path) => {
  if (typeof value !== 'boolean') fail(path, 'true or false');
  return value;
};

export const integer: Validator<number> = (value, path) => {
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(path, 'a whole number');
  return value;
};

export const literal =
  <const L extends string>(...options: L[]): Validator<L> =>
  (value, path) => {
    if (typeof value !== 'string' || !(options as string[]).includes(value)) {
      fail(path, `one of ${options.join(', ')}`);
    }
    return value as L;
  };

export const optional =
  <T>(inner: Validator<T>): Validator<T | undefined> =>
  (value, path) =>
    value === undefined ? undefined : inner(value, path);

export const nullable =
  <T>(inner: Validator<T>): Validator<T | null> =>
  (value, path) =>
    value === null ? null : inner(value, path);

export const array =
  <T>(inner: Validator<T>, maxItems = 1_000): Validator<T[]> =>
  (value, path) => {
    if (!Array.isArray(value)) fail(path, 'a list');
    if (value.length > maxItems) fail(path, `a list of at most ${maxItems} items`);
    return value.map((item, index) => inner(item, `${path}[${index}]`));
  };

type Shape = Record<string, Validator<unknown>>;
type FromShape<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

/** A plain object with exactly these keys (unknown keys are refused, not ignored). */
export const object =
  <S extends Shape>(shape: S): Validator<FromShape<S>> =>
  (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object');
    const input = value as Record<string, unknown>;
    for (const key of Object.keys(input)) {
      if (!Object.hasOwn(shape, key)) fail(`${path}.${key}`, 'absent (unknown field)');
    }
    const result: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape)) {
      const checked = check(input[key], `${path}.${key}`);
      if (checked !== undefined) result[key] = checked;
    }
    return result as FromShape<S>;
  };

/** A discriminated union on `kind`. */
export const oneOf =
  <S extends Record<string, Validator<unknown>>>(variants: S): Validator<ReturnType<S[keyof S]>> =>
  (value, path) => {
    const kind = (value as { kind?: unknown } | null)?.kind;
    if (typeof kind !== 'string' || !Object.hasOwn(variants, kind)) {
      fail(`${path}.kind`, `one of ${Object.keys(variants).join(', ')}`);
    }
    return variants[kind]!(value, path) as ReturnType<S[keyof S]>;
  };
