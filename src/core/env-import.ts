// Reads a pasted `.env` file, or a JWT pasted alone, into a draft app and credential for the
// popup's "Import from .env" to show for confirmation. Pure: no browser APIs, nothing stored.
// Imported by the code behind the popup's import form, and by tests.
//
// Decisions, so the UI and the tests agree:
// - The same name assigned twice: the last assignment wins, as in a shell or dotenv.
// - Several names for one field: the quick-start name wins (RC_APP_CLIENT_ID…), then the older
//   RC_ name (RC_CLIENT_ID…), then the RINGCENTRAL_ name. Differing values raise a warning.
// - An empty value counts as not set: templates ship with empty placeholders.
// - Quoted values end on their own line; a quote left open is an error, not a multi-line value.
// - In an unquoted value, `#` starts a comment at the value's start or after a space.
// - Errors and warnings name variables (known ones only) and line numbers, never a value.
import { InvalidInputError } from './errors';
import { assertCompactJws, inspectJwt, type JwtInfo } from './jwt';
import { DEFAULT_SERVER_URL, RETIRED_SANDBOX_URL } from './vault/model';
import { parseServerUrl } from './vault/url-rules';

/** Far above any real `.env`; the cap only bounds work. */
export const MAX_ENV_IMPORT_LENGTH = 64 * 1024;

export type EnvWarningCode =
  | 'RETIRED_SANDBOX'
  | 'DUPLICATE_NAME'
  | 'CONFLICTING_NAMES'
  | 'JWT_EXPIRED'
  | 'JWT_EXPIRES_SOON'
  | 'SECRET_WITHOUT_CLIENT_ID'
  | 'SERVER_URL_WITHOUT_CLIENT_ID'
  | 'UNPARSED_LINE';

export interface EnvWarning {
  code: EnvWarningCode;
  /** For people; names variables and lines, never values. */
  message: string;
}

export interface EnvImportApp {
  clientId: string;
  clientSecret?: string;
  /** An origin, as parseServerUrl returns it; DEFAULT_SERVER_URL when the file names none. */
  serverUrl: string;
}

export interface EnvImport {
  app?: EnvImportApp;
  jwt?: string;
  jwtInfo?: JwtInfo;
  warnings: EnvWarning[];
}

export interface EnvImportOptions {
  /** Epoch milliseconds for the expiry checks; defaults to Date.now(). */
  now?: number;
}

type Field = 'serverUrl' | 'clientId' | 'clientSecret' | 'jwt';

// Each field's names, most preferred first. Nothing else lists the names.
const NAMES: Record<Field, readonly string[]> = {
  serverUrl: ['RC_SERVER_URL', 'RINGCENTRAL_SERVER_URL'],
  clientId: ['RC_APP_CLIENT_ID', 'RC_CLIENT_ID', 'RINGCENTRAL_CLIENT_ID'],
  clientSecret: ['RC_APP_CLIENT_SECRET', 'RC_CLIENT_SECRET', 'RINGCENTRAL_CLIENT_SECRET'],
  jwt: ['RC_USER_JWT', 'RC_JWT', 'RINGCENTRAL_JWT'],
};
const FIELDS = Object.keys(NAMES) as Field[];
const KNOWN_NAMES: ReadonlySet<string> = new Set(Object.values(NAMES).flat());

interface Assignment {
  value: string;
  line: number;
}

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/;
// Inside double quotes only; single quotes and backticks are literal.
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', n: '\n', r: '\r', t: '\t' };
const COMMENT_OR_BLANK = /^\s*(?:#.*)?$/;
// A line that is only a JWT, or the start of one: "eyJ" is base64url for '{"'.
const LOOKS_LIKE_JWT = /^(?:bearer\s+)?eyJ/i;

/** Where a problem is: the line, and the variable when it is one of ours. */
function where(line: number, name: string): string {
  return KNOWN_NAMES.has(name) ? `line ${line} (${name})` : `line ${line}`;
}

function readQuoted(rest: string, line: number, name: string): string {
  const quote = rest[0];
  let value = '';
  let i = 1;
  for (; i < rest.length; i++) {
    const char = rest[i] as string;
    if (char === quote) break;
    if (quote === '"' && char === '\\' && i + 1 < rest.length) {
      const next = rest[i + 1] as string;
      const escaped = ESCAPES[next];
      // An unknown escape stays as written, backslash included.
      value += escaped ?? `\\${next}`;
      i++;
      continue;
    }
    value += char;
  }
  if (i >= rest.length) {
    throw new InvalidInputError(`The quote opened on ${where(line, name)} is never closed.`);
  }
  const after = rest.slice(i + 1);
  if (!/^\s*(?:#.*)?$/.test(after)) {
    throw new InvalidInputError(`Unexpected text after the closing quote on ${where(line, name)}.`);
  }
  return value;
}

function readUnquoted(rest: string): string {
  const comment = rest.search(/(?:^|\s)#/);
  return (comment === -1 ? rest : rest.slice(0, comment)).trim();
}

function readValue(rest: string, line: number, name: string): string {
  const first = rest[0];
  return first === '"' || first === "'" || first === '`' ? readQuoted(rest, line, name) : readUnquoted(rest);
}

/** Every assignment to a known name, in file order; other variables are skipped unread. */
function parseLines(text: string, warnings: EnvWarning[]): Map<string, Assignment[]> {
  const found = new Map<string, Assignment[]>();
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1;
    if (COMMENT_OR_BLANK.test(raw)) return;
    const match = ASSIGNMENT.exec(raw);
    if (match === null) {
      warnings.push({ code: 'UNPARSED_LINE', message: `Line ${line} is not NAME=value and was ignored.` });
      return;
    }
    const [, name = '', rest = ''] = match;
    // Other variables are still read, so that a quote left open anywhere is reported.
    const value = readValue(rest, line, name);
    if (!KNOWN_NAMES.has(name)) return;
    const list = found.get(name) ?? [];
    list.push({ value, line });
    found.set(name, list);
  });
  return found;
}

/** The value each known name ends with: the last non-empty assignment. */
function settle(found: Map<string, Assignment[]>, warnings: EnvWarning[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, assignments] of found) {
    const set = assignments.filter((a) => a.value !== '');
    const last = set.at(-1);
    if (last === undefined) continue;
    if (new Set(set.map((a) => a.value)).size > 1) {
      const lines = set.map((a) => a.line).join(', ');
      warnings.push({
        code: 'DUPLICATE_NAME',
        message: `${name} is set to different values on lines ${lines}; the last one (line ${last.line}) is used.`,
      });
    }
    values.set(name, last.value);
  }
  return values;
}

/** One value per field, by name preference, warning when the names disagree. */
function pick(values: Map<string, string>, warnings: EnvWarning[]): Partial<Record<Field, [string, string]>> {
  const picked: Partial<Record<Field, [string, string]>> = {};
  for (const field of FIELDS) {
    const present = NAMES[field].filter((name) => values.has(name));
    const [first] = present;
    if (first === undefined) continue;
    const value = values.get(first) as string;
    const others = present.filter((name) => values.get(name) !== value);
    if (others.length > 0) {
      warnings.push({
        code: 'CONFLICTING_NAMES',
        message: `${[first, ...others].join(' and ')} have different values; ${first} is used.`,
      });
    }
    picked[field] = [first, value];
  }
  return picked;
}

function checkJwt(jwt: string, name: string | undefined, now: number, warnings: EnvWarning[]): JwtInfo {
  try {
    assertCompactJws(jwt);
  } catch (error) {
    // jwt.ts names what is malformed without quoting the token; add which variable held it.
    if (error instanceof InvalidInputError && name !== undefined) {
      throw new InvalidInputError(`${name}: ${error.message}`);
    }
    throw error;
  }
  const info = inspectJwt(jwt, now);
  const label = name ?? 'The JWT';
  if (info.expired) {
    warnings.push({ code: 'JWT_EXPIRED', message: `${label} has expired: create a new one.` });
  } else if (info.expiresSoon && info.exp !== undefined) {
    const day = new Date(info.exp * 1000).toISOString().slice(0, 10);
    warnings.push({ code: 'JWT_EXPIRES_SOON', message: `${label} expires soon (${day}).` });
  }
  return info;
}

/**
 * Reads the contents of a `.env` file, or a JWT pasted alone, into a draft to confirm. Throws
 * InvalidInputError when nothing is recognised or a value is malformed; problems worth a look
 * but not fatal come back as warnings.
 */
export function parseEnvImport(text: string, options: EnvImportOptions = {}): EnvImport {
  const now = options.now ?? Date.now();
  if (typeof text !== 'string') throw new InvalidInputError('The import must be text.');
  if (text.length > MAX_ENV_IMPORT_LENGTH) {
    throw new InvalidInputError(`The import is longer than ${MAX_ENV_IMPORT_LENGTH} characters.`);
  }
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const trimmed = body.trim();
  if (trimmed === '') throw new InvalidInputError('The import is empty.');

  const warnings: EnvWarning[] = [];
  // A single line that is no assignment but starts like a JWT is taken as one, so a broken
  // token is reported as such rather than as "nothing recognised".
  if (!/[\r\n]/.test(trimmed) && !ASSIGNMENT.test(trimmed) && LOOKS_LIKE_JWT.test(trimmed)) {
    const jwtInfo = checkJwt(trimmed, undefined, now, warnings);
    return { jwt: trimmed, jwtInfo, warnings };
  }

  const found = parseLines(body, warnings);
  if (found.size === 0) {
    throw new InvalidInputError(
      'No RingCentral variables found: expected RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET, RC_SERVER_URL ' +
        'and RC_USER_JWT (or the older RC_ and RINGCENTRAL_ names), or a JWT pasted alone.',
    );
  }
  const values = settle(found, warnings);
  if (values.size === 0) {
    throw new InvalidInputError(`${[...found.keys()].join(', ')} ${found.size > 1 ? 'are' : 'is'} empty.`);
  }
  const picked = pick(values, warnings);
  const result: EnvImport = { warnings };

  let serverUrl = DEFAULT_SERVER_URL;
  if (picked.serverUrl !== undefined) {
    const [name, value] = picked.serverUrl;
    serverUrl = parseServerUrl(value, name);
    if (serverUrl === RETIRED_SANDBOX_URL) {
      warnings.push({
        code: 'RETIRED_SANDBOX',
        message: `${name} points to the sandbox, retired in 2025: use ${DEFAULT_SERVER_URL}.`,
      });
    }
  }

  if (picked.clientId !== undefined) {
    const app: EnvImportApp = { clientId: picked.clientId[1], serverUrl };
    if (picked.clientSecret !== undefined) app.clientSecret = picked.clientSecret[1];
    result.app = app;
  } else {
    if (picked.clientSecret !== undefined) {
      warnings.push({
        code: 'SECRET_WITHOUT_CLIENT_ID',
        message: `${picked.clientSecret[0]} is set without a client ID, so no app is filled in.`,
      });
    }
    if (picked.serverUrl !== undefined) {
      warnings.push({
        code: 'SERVER_URL_WITHOUT_CLIENT_ID',
        message: `${picked.serverUrl[0]} is set without a client ID, so no app is filled in.`,
      });
    }
  }

  if (picked.jwt !== undefined) {
    const [name, jwt] = picked.jwt;
    result.jwtInfo = checkJwt(jwt, name, now, warnings);
    result.jwt = jwt;
  }
  return result;
}
