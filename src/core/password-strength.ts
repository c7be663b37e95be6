// Advice on how hard a new master password is to guess: a small estimate from length,
// character classes, repeated or sequential characters and a short list of very common
// passwords. Advice only: MIN_PASSWORD_LENGTH is the one hard rule. Pure; imported by the popup.
import { MIN_PASSWORD_LENGTH } from './vault/password-policy';

export type StrengthLevel = 0 | 1 | 2 | 3 | 4;

export interface Strength {
  /** 0 too short, 1 weak, 2 fair, 3 good, 4 strong. */
  level: StrengthLevel;
  label: 'Too short' | 'Weak' | 'Fair' | 'Good' | 'Strong';
  /** Rough guessing work in bits, after the penalties. */
  bits: number;
  /** What would make it stronger; empty when it is good. */
  hints: string[];
}

const LABELS = ['Too short', 'Weak', 'Fair', 'Good', 'Strong'] as const;

// The head of every leaked-password list, and the words they are built from: guessed first.
const COMMON = [
  'password',
  'passw0rd',
  'qwerty',
  'qwertyuiop',
  'letmein',
  'iloveyou',
  'admin',
  'welcome',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'sunshine',
  'princess',
  'master',
  'trustno1',
  'starwars',
  'shadow',
  'superman',
  'abc123',
  '123456',
  '12345678',
  '123123',
  '111111',
  '1q2w3e4r',
  'zaq12wsx',
  'changeme',
  'secret',
  'login',
  'hello',
  'freedom',
  'whatever',
  'ringcentral',
];

// Keys next to each other are as predictable as "abc".
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890'];

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};

function follows(previous: string, next: string): boolean {
  const step = (next.codePointAt(0) ?? 0) - (previous.codePointAt(0) ?? 0);
  if (/[a-z0-9]/i.test(previous) && (step === 1 || step === -1)) return true;
  const pair = `${previous}${next}`.toLowerCase();
  return ROWS.some((row) => row.includes(pair) || [...row].reverse().join('').includes(pair));
}

/** The size of the alphabet the characters seem drawn from. */
function poolSize(chars: string[]): number {
  let pool = 0;
  if (chars.some((c) => /[a-z]/.test(c))) pool += 26;
  if (chars.some((c) => /[A-Z]/.test(c))) pool += 26;
  if (chars.some((c) => /[0-9]/.test(c))) pool += 10;
  if (chars.some((c) => /[^a-zA-Z0-9]/.test(c))) pool += 33;
  return pool;
}

export function passwordStrength(password: string): Strength {
  const chars = [...password];
  const hints: string[] = [];
  let patterned = false;
  // A character continuing a run (aaa, abc, 321, qwe) adds little to guess. Two neighbours
  // alone are common in ordinary words ("st", "er"), so a run starts counting at its third.
  let effective = 0;
  let run = 1;
  chars.forEach((c, i) => {
    const previous = chars[i - 1];
    run = previous !== undefined && (c === previous || follows(previous, c)) ? run + 1 : 1;
    if (run >= 3) {
      effective += 0.2;
      patterned = true;
    } else {
      effective += 1;
    }
  });
  const plain = chars
    .map((c) => LEET[c] ?? c)
    .join('')
    .toLowerCase();
  const common = COMMON.filter((word) => plain.includes(word));
  // A common word costs a guesser about one guess from a short list, not one per letter.
  for (const word of common) effective -= word.length - 1;
  effective = Math.max(effective, 0);
  const pool = poolSize(chars);
  const bits = pool === 0 ? 0 : Math.round(effective * Math.log2(pool));

  let level: StrengthLevel;
  if (chars.length < MIN_PASSWORD_LENGTH) level = 0;
  else if (bits < 40) level = 1;
  else if (bits < 60) level = 2;
  else if (bits < 80) level = 3;
  else level = 4;
  // A password built on a very common one is weak however it is decorated.
  if (level > 1 && common.length > 0 && effective < 12) level = 1;

  if (chars.length < MIN_PASSWORD_LENGTH) hints.push(`Use at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (level < 3) {
    if (common.length > 0) hints.push('Avoid common passwords and words built on them.');
    if (patterned) hints.push('Avoid repeated or sequential characters.');
    if (chars.length < 16) hints.push('Length helps most: a few unrelated words make a strong password.');
    if (pool <= 36 && chars.length >= MIN_PASSWORD_LENGTH) hints.push('Mix in capitals, digits or symbols.');
  }
  return { level, label: LABELS[level], bits, hints };
}
