// The benchmark summary: measurements in, one row per figure out, each judged against its target.
import { describe, expect, it } from 'vitest';
import type { InjectionMeasurement } from '../../../bench/injection-chromium';
import { POPUP_GZIP_BUDGET } from '../../../bench/popup-bundle';
import type { PopupMeasurement } from '../../../bench/popup-chromium';
import type { Summary } from '../../../bench/stats';
import { FIGURES, meets, type Readings, readingsFrom, summaryRows, targetText } from '../../../bench/summary';
import type { UnlockMeasurement } from '../../../bench/unlock-chromium';

/** A summary whose median is `median`, spread around it. */
const around = (median: number, runs = 5): Summary => ({
  min: median * 0.9,
  median,
  max: median * 1.2,
  runs,
});

const unlock: UnlockMeasurement[] = [
  {
    preset: 'argon2id-64m-t3',
    worker: around(526),
    message: around(546),
    click: around(556),
    lockDuringDerivation: { min: 1.2, median: 4.8, max: 72, runs: 240 },
  },
  { preset: 'pbkdf2-600k', worker: around(132), message: around(145) },
];

const injection: InjectionMeasurement = {
  unlockToRules: around(713),
  kdf: around(669),
  tokenRoundTrip: around(5.7),
  refreshToRules: around(30),
  arrivalToRules: around(9.7),
  rawSwap: around(1.4),
  lockToRules: around(21),
  navigationToRule: around(12),
  commitToRule: around(40),
  withRule: around(9.9),
  withoutRule: around(8.9),
  untouched: around(8.1),
  ratio: around(1.067),
  pinningRatio: around(1.004),
  listenerRatio: around(1.1),
  wholeRatio: around(1.22),
  triggers: { min: 1, median: 1, max: 1, runs: 5 },
};

const popup: PopupMeasurement = {
  gzipBytes: 48_100,
  openLockedBytes: 24_100,
  openViewBytes: 34_300,
  heaviestView: 'credentials',
  workerOnlyInPopup: [],
  fillMs: 20_000,
  lockedReady: around(143),
  lockedFrame: around(155),
  lockedDomContentLoaded: around(110),
  lockedFirstOpen: 160,
  unlockedView: around(227),
  listedFrame: around(833),
  listedDomContentLoaded: around(151),
  listRoundTrip: around(125),
  keystroke: { ...around(166), p90: 243 },
  frames: 183,
  dropped: 63,
  longTasks: 52,
  longFrames: 59,
};

const rowFor = (rows: ReturnType<typeof summaryRows>, id: keyof typeof FIGURES) => {
  const row = rows.find((r) => r.figure === FIGURES[id].label);
  if (!row) throw new Error(`no row for ${id}`);
  return row;
};

describe('benchmark summary', () => {
  it('prints one row per figure, in the order of the figure table', () => {
    const rows = summaryRows(readingsFrom({ unlock, injection, popup }));
    expect(rows.map((r) => r.figure)).toEqual(Object.values(FIGURES).map((f) => f.label));
  });

  it('judges each figure against its own target', () => {
    const rows = summaryRows(readingsFrom({ unlock, injection, popup }));
    expect(rowFor(rows, 'unlock')).toEqual({
      figure: FIGURES.unlock.label,
      measured: '556 ms',
      target: '≤ 800 ms',
      met: 'yes',
    });
    expect(rowFor(rows, 'ruleSwap')).toMatchObject({ measured: '9.70 ms', met: 'yes' });
    expect(rowFor(rows, 'injectionRatio')).toMatchObject({ measured: '1.067', target: '≤ 1.15', met: 'yes' });
    expect(rowFor(rows, 'exchangesPerBurst')).toMatchObject({ measured: '1', target: '= 1', met: 'yes' });
    expect(rowFor(rows, 'popupInteractive')).toMatchObject({
      measured: '155 ms',
      target: '≤ 100 ms',
      met: 'no',
    });
    expect(rowFor(rows, 'credentialList')).toMatchObject({ measured: '833 ms', met: 'no' });
    expect(rowFor(rows, 'filterDroppedFrames')).toMatchObject({
      measured: '63 (of 183 frames)',
      target: '= 0',
      met: 'no',
    });
  });

  it('holds unlock → injecting to the KDF and token round trip of the same run plus 100 ms', () => {
    const rows = summaryRows(readingsFrom({ injection }));
    expect(rowFor(rows, 'unlockToInjecting')).toEqual({
      figure: FIGURES.unlockToInjecting.label,
      measured: '713 ms',
      target: '≤ KDF + token round trip + 100 ms (775 ms)',
      met: 'yes',
    });
    const slow = summaryRows(readingsFrom({ injection: { ...injection, unlockToRules: around(775) } }));
    expect(rowFor(slow, 'unlockToInjecting').met).toBe('no');
  });

  it('counts the slowest lock reply during a derivation, not the median', () => {
    const rows = summaryRows(readingsFrom({ unlock }));
    expect(rowFor(rows, 'lockDuringDerivation')).toMatchObject({
      measured: '72 ms (of 240 replies)',
      target: '≤ 100 ms',
      met: 'yes',
    });
    const slowest = (max: number) => [{ ...unlock[0]!, lockDuringDerivation: { ...around(4.8), max } }];
    expect(rowFor(summaryRows(readingsFrom({ unlock: slowest(101) })), 'lockDuringDerivation').met).toBe(
      'no',
    );
  });

  it('shows the bare page measured beside the home view, and judges the home view alone', () => {
    const withHome = { ...popup, homeFrame: around(180), floorFrame: around(110) };
    expect(rowFor(summaryRows(readingsFrom({ popup: withHome })), 'homeView')).toMatchObject({
      measured: '180 ms (a bare page: 110 ms)',
      met: 'no',
    });
    const { floorFrame: _floor, ...withoutFloor } = withHome;
    expect(rowFor(summaryRows(readingsFrom({ popup: withoutFloor })), 'homeView').measured).toBe('180 ms');
  });

  it('takes the popup budget from the bundle check and counts a value at the limit as met', () => {
    expect(targetText(FIGURES.popupSize)).toBe(`≤ ${(POPUP_GZIP_BUDGET / 1000).toFixed(1)} kB`);
    const atBudget = readingsFrom({ popup: { ...popup, openViewBytes: POPUP_GZIP_BUDGET } });
    expect(rowFor(summaryRows(atBudget), 'popupSize').met).toBe('yes');
    const over = readingsFrom({ popup: { ...popup, openViewBytes: POPUP_GZIP_BUDGET + 1 } });
    expect(rowFor(summaryRows(over), 'popupSize').met).toBe('no');
  });

  it('counts the worst burst, not the median, against exactly one token request', () => {
    const readings = readingsFrom({
      injection: { ...injection, triggers: { min: 1, median: 1, max: 2, runs: 5 } },
    });
    expect(readings.exchangesPerBurst?.value).toBe(2);
    expect(meets(FIGURES.exchangesPerBurst.target, { value: 0 })).toBe(false);
    expect(rowFor(summaryRows(readings), 'exchangesPerBurst').met).toBe('no');
  });

  it('shows a figure whose benchmark did not run as not measured, neither met nor missed', () => {
    const readings: Readings = readingsFrom({ unlock });
    const rows = summaryRows(readings);
    expect(rowFor(rows, 'unlock').met).toBe('yes');
    expect(rowFor(rows, 'credentialList')).toEqual({
      figure: FIGURES.credentialList.label,
      measured: 'not measured',
      target: '≤ 200 ms',
      met: '—',
    });
    expect(rowFor(rows, 'unlockToInjecting').target).toBe('≤ KDF + token round trip + 100 ms');
  });
});
