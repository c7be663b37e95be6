// Auto-authentication cost in the built extension, in headless Chromium against the sandbox, in
// one browser: unlock → header rule installed, token arrival → rule swapped, a tool tab's
// navigation → its tab pinned or unpinned, lock → rules removed, the per-request cost of the
// header rule (pinned to the tool tab), and token requests per 50 simultaneous triggers. Timed
// inside the extension's popup page and the tool page.
// Run: npm run build && npx tsx bench/injection-chromium.ts [--runs 5]; bench/all.ts imports it.
import type { Page } from '@playwright/test';
import { startSandbox } from '../sandbox/index';
import { killServiceWorker, launch, openPopup, removeProfile } from '../test/e2e/harness';
import { startToolServer } from '../test/e2e/tool-server';
import {
  connect,
  connectionStatus,
  JWT_GRANT,
  ME,
  openTool,
  PASSWORD,
  REVOKE_PATH,
  startWorld,
  stopWorld,
  TOKEN_PATH,
  tokenRequests,
  type World,
} from '../test/e2e/world';
import { argValue, isMain, ms, printTable, type Summary, summarize } from './stats';
import { FIGURES, targetText } from './summary';

const FETCHES_PER_BLOCK = 100;
const TRIGGERS = 50;

/** What the rules must show: a header rule, none at all, or a header with another token. */
type RuleWait = 'header' | 'empty' | { tokenOtherThan: string };

/** Sends a request from the popup and resolves when the rules are as wanted, timed in the page. */
async function timeUntilRules(
  popup: Page,
  type: string,
  payload: unknown,
  wait: RuleWait,
): Promise<{ rulesMs: number; replyMs: number; rulesAtEpoch: number; reply: unknown }> {
  return popup.evaluate(
    async ([t, p, w]) => {
      // No named inner functions: tsx would wrap them in a helper the page does not have.
      const started = performance.now();
      let replyMs = 0;
      const replied = (chrome.runtime.sendMessage({ type: t, payload: p }) as Promise<unknown>).then((r) => {
        replyMs = performance.now() - started;
        return r;
      });
      for (;;) {
        // Busy polling: each call is a sub-millisecond round trip to the browser process.
        const rules = await chrome.declarativeNetRequest.getSessionRules();
        const value = rules.flatMap((r) => r.action.requestHeaders ?? [])[0]?.value;
        if (
          w === 'empty'
            ? rules.length === 0
            : value !== undefined && (w === 'header' || value !== w.tokenOtherThan)
        )
          break;
      }
      const rulesMs = performance.now() - started;
      // The wall clock, as the sandbox's log time is: performance.timeOrigin + now() drifts from
      // it over a page's life (a monotonic clock), which once made this figure negative.
      const rulesAtEpoch = Date.now();
      const reply = await replied;
      return { rulesMs, replyMs, rulesAtEpoch, reply };
    },
    [type, payload, wait] as const,
  );
}

async function currentHeader(popup: Page): Promise<string> {
  return popup.evaluate(
    async () =>
      (await chrome.declarativeNetRequest.getSessionRules()).flatMap((r) => r.action.requestHeaders ?? [])[0]
        ?.value ?? '',
  );
}

/** One JWT exchange from Node to the sandbox, as the worker does it, revoked right after. */
async function tokenRoundTrip(world: World): Promise<number> {
  const app = world.sandbox.seed.apps.demo;
  const basic = Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64');
  const started = performance.now();
  const response = await fetch(`${world.sandbox.url}${TOKEN_PATH}`, {
    method: 'POST',
    headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: JWT_GRANT, assertion: world.sandbox.jwts.demo }),
  });
  const { access_token } = (await response.json()) as { access_token: string };
  const elapsed = performance.now() - started;
  await fetch(`${world.sandbox.url}${REVOKE_PATH}`, {
    method: 'POST',
    headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: access_token }),
  });
  return elapsed;
}

/** The raw atomic swap: one updateSessionRules replacing a header rule, beside the worker's rules. */
async function rawSwap(popup: Page): Promise<number> {
  return popup.evaluate(async () => {
    const id = 900_001;
    const rules = ['Bearer a', 'Bearer b'].map(
      (value): chrome.declarativeNetRequest.Rule => ({
        id,
        priority: 1,
        action: {
          type: chrome.declarativeNetRequest.RuleActionType.MODIFY_HEADERS,
          requestHeaders: [
            { header: 'Authorization', operation: chrome.declarativeNetRequest.HeaderOperation.SET, value },
          ],
        },
        // A URL nothing requests: only the cost of the update is measured.
        condition: { urlFilter: '|http://127.0.0.1:9/never/', resourceTypes: ['xmlhttprequest' as never] },
      }),
    );
    await chrome.declarativeNetRequest.updateSessionRules({ addRules: [rules[0]!] });
    const started = performance.now();
    await chrome.declarativeNetRequest.updateSessionRules({ removeRuleIds: [id], addRules: [rules[1]!] });
    const elapsed = performance.now() - started;
    await chrome.declarativeNetRequest.updateSessionRules({ removeRuleIds: [id] });
    return elapsed;
  });
}

/**
 * The mean of the middle half of `count` sequential fetches from the tool page. Not the median:
 * a page that is not cross-origin isolated reads performance.now() in 0.1 ms steps, so medians of
 * a ~4 ms fetch move in steps of 2.5 %; the trimmed mean is as robust to outliers and not stepped.
 */
export async function fetchTime(tool: Page, url: string, count: number, expected: number): Promise<number> {
  const samples = await tool.evaluate(
    async ([target, n, status]) => {
      const times: number[] = [];
      for (let i = 0; i < n; i += 1) {
        const started = performance.now();
        const response = await fetch(target);
        await response.arrayBuffer();
        times.push(performance.now() - started);
        if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}`);
      }
      return times;
    },
    [url, count, expected] as const,
  );
  const middle = [...samples].sort((a, b) => a - b).slice(Math.floor(count / 4), Math.ceil((count * 3) / 4));
  return middle.reduce((sum, t) => sum + t, 0) / middle.length;
}

/** The conditions a block of tool fetches runs under, side by side in one browser. */
type CostCondition = 'rule' | 'unpinned' | 'none' | 'untouched';
const COST_CONDITIONS: readonly CostCondition[] = ['rule', 'unpinned', 'none', 'untouched'];

/**
 * Per-request cost of the header rule. Blocks of fetches rotate through four conditions: the
 * worker's header rule as it is; the same rule without its `tabIds` condition (what the tab
 * pinning adds); no rule (taken out from the popup page, put back after: the worker is not told,
 * and a request without its token is none of its business); and a copy of the API on 127.0.0.2,
 * a host the extension has no access to, so that neither a rule nor a listener touches it. The
 * order rotates every round so that drift falls on every condition alike.
 */
async function measureRequestCost(
  popup: Page,
  tool: Page,
  api: string,
  untouchedApi: string,
  rounds: number,
): Promise<Record<CostCondition, number[]>> {
  const rule = await popup.evaluate(async () =>
    (await chrome.declarativeNetRequest.getSessionRules()).find((r) => r.action.requestHeaders),
  );
  if (!rule?.condition.tabIds) throw new Error('no pinned header rule to measure');
  const variants: Record<CostCondition, chrome.declarativeNetRequest.Rule | undefined> = {
    rule,
    unpinned: { ...rule, condition: { ...rule.condition, tabIds: undefined } },
    none: undefined,
    untouched: undefined,
  };
  const install = (variant: chrome.declarativeNetRequest.Rule | undefined) =>
    popup.evaluate(
      ([id, add]) =>
        chrome.declarativeNetRequest.updateSessionRules({ removeRuleIds: [id], addRules: add ? [add] : [] }),
      [rule.id, variant] as const,
    );
  const times: Record<CostCondition, number[]> = { rule: [], unpinned: [], none: [], untouched: [] };
  try {
    await fetchTime(tool, api, 50, 200);
    for (let round = 0; round < rounds; round += 1) {
      for (let i = 0; i < COST_CONDITIONS.length; i += 1) {
        const condition = COST_CONDITIONS[(i + round) % COST_CONDITIONS.length]!;
        await install(variants[condition]);
        const injected = variants[condition] !== undefined;
        const url = condition === 'untouched' ? untouchedApi : api;
        times[condition].push(await fetchTime(tool, url, FETCHES_PER_BLOCK, injected ? 200 : 401));
      }
    }
  } finally {
    await install(rule);
  }
  return times;
}

/**
 * Navigates the tool tab to `url` and resolves, on the wall clock, how long until the header rule
 * lists the tab (`pinned`) or no longer does, as the popup page reads the rules.
 */
async function navigationToRule(popup: Page, tool: Page, url: string, pinned: boolean): Promise<number> {
  const tabId = await popup.evaluate(
    async (href) => (await chrome.tabs.query({})).find((tab) => tab.url === href)?.id,
    tool.url(),
  );
  const started = Date.now();
  const navigated = tool.goto(url);
  const doneAt = await popup.evaluate(
    async ([id, want]) => {
      for (;;) {
        const rules = await chrome.declarativeNetRequest.getSessionRules();
        const listed = rules.some((rule) => rule.condition.tabIds?.includes(id as number));
        if (listed === want) return Date.now();
      }
    },
    [tabId, pinned] as const,
  );
  await navigated;
  return doneAt - started;
}

export interface InjectionMeasurement {
  unlockToRules: Summary;
  kdf: Summary;
  tokenRoundTrip: Summary;
  refreshToRules: Summary;
  arrivalToRules: Summary;
  rawSwap: Summary;
  lockToRules: Summary;
  navigationToRule: Summary;
  commitToRule: Summary;
  withRule: Summary;
  withoutRule: Summary;
  untouched: Summary;
  /** Per round: with the rule / without it. */
  ratio: Summary;
  /** Per round: the pinned rule / the same rule without tabIds. */
  pinningRatio: Summary;
  /** Per round: without a rule / not touched by the extension at all (the listeners' share). */
  listenerRatio: Summary;
  /** Per round: with the rule / not touched at all (all the vault adds to a tool's request). */
  wholeRatio: Summary;
  triggers: Summary;
}

export async function measureInjectionInChromium(runs = 5): Promise<InjectionMeasurement> {
  const world = await startWorld();
  const launched = await launch();
  const cleanUp: (() => Promise<void>)[] = [];
  try {
    const popup = await openPopup(launched);
    await connect(popup, world);
    const tool = await openTool(launched, world.tool.origin);
    const other = await startToolServer('127.0.0.1', 'localhost');
    cleanUp.push(() => other.close());
    const api = `${world.sandbox.url}${ME}`;
    const s = {
      unlock: [] as number[],
      kdf: [] as number[],
      token: [] as number[],
      refresh: [] as number[],
      arrival: [] as number[],
      raw: [] as number[],
      lock: [] as number[],
      away: [] as number[],
      back: [] as number[],
      triggers: [] as number[],
    };

    for (let i = 0; i < runs; i += 1) {
      // Unlock → rules: lock first (rules gone), then the unlock message until a header rule exists.
      const locked = await timeUntilRules(popup, 'vault.lock', {}, 'empty');
      s.lock.push(locked.rulesMs);
      const unlocked = await timeUntilRules(popup, 'vault.unlock', { password: PASSWORD }, 'header');
      s.unlock.push(unlocked.rulesMs);
      s.kdf.push((unlocked.reply as { value: { kdfMs: number } }).value.kdfMs);
      s.token.push(await tokenRoundTrip(world));

      // Token arrival → rule swapped: the refresh's answer leaves the sandbox (its log time, same
      // machine clock) until the page sees the new token in getSessionRules.
      for (let j = 0; j < 3; j += 1) {
        const id = (await connectionStatus(popup))!.connectionId;
        await world.sandbox.admin.clearLog();
        const refreshed = await timeUntilRules(
          popup,
          'connections.refresh',
          { id },
          { tokenOtherThan: await currentHeader(popup) },
        );
        const [answer] = tokenRequests(await world.sandbox.admin.log());
        s.refresh.push(refreshed.rulesMs);
        s.arrival.push(refreshed.rulesAtEpoch - Date.parse(answer!.at));
        s.raw.push(await rawSwap(popup));
      }

      // 50 simultaneous triggers just after a cold start of the worker. The token request is
      // stretched to 100 ms so that every trigger lands while it is in flight.
      await killServiceWorker(launched, popup);
      await world.sandbox.admin.setLatency(100);
      await world.sandbox.admin.clearLog();
      const id = (await connectionStatus(popup))!.connectionId;
      await popup.evaluate(
        ([connectionId, n]) =>
          Promise.all(
            Array.from({ length: n }, () =>
              chrome.runtime.sendMessage({ type: 'connections.refresh', payload: { id: connectionId } }),
            ),
          ),
        [id, TRIGGERS] as const,
      );
      s.triggers.push(tokenRequests(await world.sandbox.admin.log()).length);
      await world.sandbox.admin.setLatency(0);

      // The tool tab goes to another port of its host and back: unpinned as the navigation
      // starts, pinned again once the tool's page has loaded.
      for (let j = 0; j < 3; j += 1) {
        s.away.push(await navigationToRule(popup, tool, `${other.origin}/`, false));
        s.back.push(await navigationToRule(popup, tool, `${world.tool.origin}/`, true));
      }
    }

    const untouched = await startSandbox({ testMode: true, rateLimit: false, host: '127.0.0.2' });
    cleanUp.push(() => untouched.close());
    const cost = await measureRequestCost(popup, tool, api, `${untouched.url}${ME}`, Math.max(20, 2 * runs));
    const perRound = (a: number[], b: number[]) => summarize(a.map((value, i) => value / b[i]!));

    return {
      unlockToRules: summarize(s.unlock),
      kdf: summarize(s.kdf),
      tokenRoundTrip: summarize(s.token),
      refreshToRules: summarize(s.refresh),
      arrivalToRules: summarize(s.arrival),
      rawSwap: summarize(s.raw),
      lockToRules: summarize(s.lock),
      navigationToRule: summarize(s.away),
      commitToRule: summarize(s.back),
      withRule: summarize(cost.rule),
      withoutRule: summarize(cost.none),
      untouched: summarize(cost.untouched),
      ratio: perRound(cost.rule, cost.none),
      pinningRatio: perRound(cost.rule, cost.unpinned),
      listenerRatio: perRound(cost.none, cost.untouched),
      wholeRatio: perRound(cost.rule, cost.untouched),
      triggers: summarize(s.triggers),
    };
  } finally {
    await launched.close();
    await removeProfile(launched.userDataDir);
    await stopWorld(world);
    for (const step of cleanUp) await step();
  }
}

const ratio = (v: number) => v.toFixed(3);
const range = (s: Summary, format = ms) => `${format(s.min)} / ${format(s.median)} / ${format(s.max)}`;

export function printInjectionTable(r: InjectionMeasurement): void {
  console.log(
    `\nAuto-authentication, headless Chromium (ms unless noted, min / median / max, ${r.unlockToRules.runs} runs)`,
  );
  printTable(
    ['figure', 'min / median / max', 'target'],
    [
      [
        'unlock message → header rule installed',
        range(r.unlockToRules),
        targetText(FIGURES.unlockToInjecting, r.kdf.median + r.tokenRoundTrip.median),
      ],
      ['  of which KDF (kdfMs)', range(r.kdf), '—'],
      ['  token round trip (JWT exchange, loopback)', range(r.tokenRoundTrip), '—'],
      ['refresh message → new token in the rules', range(r.refreshToRules), '—'],
      ['token answer sent → new token in the rules', range(r.arrivalToRules), targetText(FIGURES.ruleSwap)],
      // The platform's share of the swap, held to the same target.
      ['  one atomic updateSessionRules swap', range(r.rawSwap), targetText(FIGURES.ruleSwap)],
      [
        'tool tab navigates away → unpinned from the header rule',
        range(r.navigationToRule),
        targetText(FIGURES.navigationToRule),
      ],
      ['tool tab navigates back → pinned (page load included)', range(r.commitToRule), '—'],
      ['lock message → rules removed', range(r.lockToRules), targetText(FIGURES.lockToRemoved)],
      [
        `tool fetch with the rule (${FETCHES_PER_BLOCK} sequential, middle-half mean)`,
        range(r.withRule),
        '—',
      ],
      ['tool fetch without a rule', range(r.withoutRule), '—'],
      ['tool fetch to a host the extension cannot see', range(r.untouched), '—'],
      [
        `with / without the rule, ${r.ratio.runs} rotating rounds (ratio)`,
        range(r.ratio, ratio),
        targetText(FIGURES.injectionRatio),
      ],
      ['  pinned rule / the same rule without tabIds (ratio)', range(r.pinningRatio, ratio), '—'],
      ['without a rule / not seen at all: the listeners (ratio)', range(r.listenerRatio, ratio), '—'],
      ['with the rule / not seen at all: everything (ratio)', range(r.wholeRatio, ratio), '—'],
      [
        `token requests per ${TRIGGERS} simultaneous triggers (count)`,
        range(r.triggers, String),
        targetText(FIGURES.exchangesPerBurst),
      ],
    ],
  );
}

if (isMain(import.meta.url)) printInjectionTable(await measureInjectionInChromium(argValue('--runs', 5)));
