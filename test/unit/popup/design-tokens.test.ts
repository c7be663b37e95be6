// The popup's colour tokens meet WCAG AA in both themes: every text colour the stylesheet puts on
// a background, the status chips (their tone tinted into the surface), the hover fills, the focus
// ring and the input borders. Reads styles.css as text, so a token changed to a low-contrast value
// fails here before anyone sees it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const CSS = readFileSync(new URL('../../../src/popup/styles.css', import.meta.url), 'utf8').replace(
  /\/\*[\s\S]*?\*\//g,
  '',
);

const TEXT = 4.5;
const NON_TEXT = 3;
const TONES = ['ok', 'busy', 'warn', 'error', 'off'] as const;
const BACKGROUNDS = ['bg', 'surface', 'raised'] as const;
/** Colours the stylesheet writes text in, straight on a page, card or hover background. */
const TEXT_COLOURS = ['fg', 'muted', 'accent', 'danger', 'warning'] as const;

type Rgb = [number, number, number];

/** The body of the first `:root { … }` in `css`. */
function rootBlock(css: string): string {
  const match = /:root\s*\{([^}]*)\}/.exec(css);
  if (!match?.[1]) throw new Error('no :root block');
  return match[1];
}

function darkBlockSource(): string {
  const start = CSS.indexOf('@media (prefers-color-scheme: dark)');
  if (start < 0) throw new Error('no dark-scheme block');
  return CSS.slice(start);
}

/** Colour tokens: a hex value, or an alias `var(--other)`. */
function colourTokens(block: string): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const [, name, value] of block.matchAll(/--([\w-]+)\s*:\s*(#[0-9a-fA-F]{3,8}|var\(--[\w-]+\))\s*;/g)) {
    tokens.set(name as string, value as string);
  }
  return tokens;
}

const hexOnly = (tokens: Map<string, string>) => [...tokens].filter(([, value]) => value.startsWith('#'));

const LIGHT = colourTokens(rootBlock(CSS));
// The dark block overrides the light one; whatever it leaves out (the aliases) stays as in light.
const DARK_OWN = colourTokens(rootBlock(darkBlockSource()));
const DARK = new Map([...LIGHT, ...DARK_OWN]);
const THEMES = { light: LIGHT, dark: DARK } as const;

/** The declarations of the first rule whose selector is exactly `selector`. */
function rule(selector: string): string {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?:^|\\})\\s*${escaped}\\s*\\{([^}]*)\\}`).exec(CSS);
  if (!match?.[1]) throw new Error(`no rule ${selector}`);
  return match[1];
}

/** The token a declaration like `--tone: var(--ok)` or `outline: 2px solid var(--accent)` names. */
function named(declarations: string, property: string): string {
  const match = new RegExp(`(?:^|;|\\s)${property}\\s*:[^;]*var\\(--([\\w-]+)\\)`).exec(declarations);
  if (!match?.[1]) throw new Error(`no ${property} naming a token in: ${declarations}`);
  return match[1];
}

// A chip is written in its tone and filled with that tone tinted into a background token.
const CHIP = rule('.chip');
const CHIP_FILL = /background:\s*color-mix\(in srgb, var\(--tone\) (\d+)%, var\(--([\w-]+)\)\)/.exec(CHIP);
const CHIP_TONES = Object.fromEntries(
  TONES.map((tone) => [tone, named(tone === 'off' ? CHIP : rule(`.chip-${tone}`), '--tone')]),
);
const FOCUS = named(rule(':focus-visible'), 'outline');

function rgb(hex: string): Rgb {
  let digits = hex.slice(1);
  if (digits.length === 3) digits = [...digits].map((digit) => digit + digit).join('');
  if (digits.length !== 6) throw new Error(`only opaque colours are checked: ${hex}`);
  return [0, 2, 4].map((at) => Number.parseInt(digits.slice(at, at + 2), 16)) as Rgb;
}

/** WCAG 2.x relative luminance. */
function luminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `color-mix(in srgb, a p%, b)`: a straight blend of the encoded channels. */
function mix(a: Rgb, share: number, b: Rgb): Rgb {
  return a.map((channel, i) => Math.round(channel * share + (b[i] as number) * (1 - share))) as Rgb;
}

function token(theme: Map<string, string>, name: string, depth = 0): Rgb {
  const value = theme.get(name);
  if (!value) throw new Error(`token --${name} is not defined`);
  const alias = /^var\(--([\w-]+)\)$/.exec(value)?.[1];
  if (!alias) return rgb(value);
  if (depth > 5) throw new Error(`token --${name} aliases in a loop`);
  return token(theme, alias, depth + 1);
}

interface Pair {
  what: string;
  fg: string;
  bg: string;
  min: number;
}

const PAIRS: Pair[] = [
  ...TEXT_COLOURS.flatMap((fg) => BACKGROUNDS.map((bg) => ({ what: 'text', fg, bg, min: TEXT }))),
  { what: 'primary button', fg: 'on-accent', bg: 'accent', min: TEXT },
  { what: 'confirming danger button', fg: 'on-danger', bg: 'danger', min: TEXT },
  ...BACKGROUNDS.map((bg) => ({ what: 'focus ring', fg: FOCUS, bg, min: NON_TEXT })),
  ...(['bg', 'surface'] as const).map((bg) => ({
    what: 'input border',
    fg: 'border-strong',
    bg,
    min: NON_TEXT,
  })),
];

/** Every other `color-mix(in srgb, var(--x) p%, var(--y))` in the stylesheet: the hover fills. */
const MIXES = [...CSS.matchAll(/color-mix\(in srgb, var\(--([\w-]+)\) (\d+)%, var\(--([\w-]+)\)\)/g)]
  .filter(([, base]) => base !== 'tone')
  .map(([, base, percent, other]) => ({
    base: base as string,
    share: Number(percent) / 100,
    other: other as string,
  }));

describe('design tokens', () => {
  it('computes contrast as WCAG does', () => {
    expect(contrast(rgb('#000'), rgb('#fff'))).toBeCloseTo(21, 5);
    expect(contrast(rgb('#777777'), rgb('#ffffff'))).toBeCloseTo(4.48, 2);
    expect(contrast(rgb('#ffffff'), rgb('#777777'))).toBeCloseTo(4.48, 2);
  });

  it('gives the dark theme its own value for every colour', () => {
    expect(hexOnly(LIGHT).length).toBeGreaterThan(10);
    expect(hexOnly(DARK_OWN).map(([name]) => name)).toEqual(hexOnly(LIGHT).map(([name]) => name));
  });

  it('writes colours only as tokens, and uses no token it does not define', () => {
    const outside = CSS.replace(rootBlock(CSS), '').replace(rootBlock(darkBlockSource()), '');
    expect(outside.match(/#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\(/g)).toBeNull();
    const defined = new Set([...CSS.matchAll(/(--[\w-]+)\s*:/g)].map(([, name]) => name));
    const used = new Set([...CSS.matchAll(/var\((--[\w-]+)\)/g)].map(([, name]) => name));
    expect([...used].filter((name) => !defined.has(name))).toEqual([]);
  });

  for (const [theme, tokens] of Object.entries(THEMES)) {
    describe(`${theme} theme`, () => {
      it.each(PAIRS)('$what: --$fg on --$bg reaches $min:1', ({ fg, bg, min }) => {
        const ratio = contrast(token(tokens, fg), token(tokens, bg));
        expect(ratio, `--${fg} on --${bg} is ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(min);
      });

      it.each(TONES)('the %s chip reads at 4.5:1 on its fill', (tone) => {
        if (!CHIP_FILL) throw new Error('the chip fill is not a tint of its tone');
        const text = token(tokens, CHIP_TONES[tone] as string);
        const fill = mix(text, Number(CHIP_FILL[1]) / 100, token(tokens, CHIP_FILL[2] as string));
        const ratio = contrast(text, fill);
        expect(ratio, `the ${tone} chip is ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(TEXT);
      });

      it('keeps the text on every hover fill readable', () => {
        expect(MIXES.length).toBeGreaterThan(0);
        for (const { base, share, other } of MIXES) {
          const fill = mix(token(tokens, base), share, token(tokens, other));
          const ratio = contrast(token(tokens, `on-${base}`), fill);
          expect(
            ratio,
            `--on-${base} on the ${base} hover fill is ${ratio.toFixed(2)}:1`,
          ).toBeGreaterThanOrEqual(TEXT);
        }
      });
    });
  }
});
