// A strict application/x-www-form-urlencoded parser: malformed bodies and repeated names are errors.

export type FormResult =
  | { ok: true; params: Map<string, string> }
  | { ok: false; problem: 'malformed'; detail: string }
  | { ok: false; problem: 'duplicate'; name: string };

// Encoded forms are printable ASCII; anything else means the client sent something other than a form.
const printableAscii = /^[\x21-\x7e]*$/;

export function parseForm(body: Buffer): FormResult {
  const text = body.toString('latin1');
  if (!printableAscii.test(text)) {
    return {
      ok: false,
      problem: 'malformed',
      detail: 'Form body contains characters that are not URL-encoded',
    };
  }
  const params = new Map<string, string>();
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = decode(eq < 0 ? '' : pair.slice(eq + 1));
    if (name === undefined || value === undefined) {
      return { ok: false, problem: 'malformed', detail: 'Form body has an invalid percent-encoding' };
    }
    if (name === '')
      return { ok: false, problem: 'malformed', detail: 'Form body has a parameter without a name' };
    // RFC 6749 §3.2: parameters must not be included more than once.
    if (params.has(name)) return { ok: false, problem: 'duplicate', name };
    params.set(name, value);
  }
  return { ok: true, params };
}

function decode(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}
