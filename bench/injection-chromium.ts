// Auto-authentication cost in the built extension, in headless Chromium against the sandbox, in
// one browser: unlock → header rule installed, token arrival → rule swapped, a tool tab's
// navigation → its tab pinned or unpinned, lock → rules removed, the per-request cost of the
// header rule (pinned to the tool tab), and token requests per 50 simultaneous triggers. Timed
// inside the extension's popup page and the tool page.
// Run: npm run build && npx tsx bench/injection-chromium.ts [--runs 5]; bench/all.ts imports it.
import type { Page } from '@playwright/test';
import { call, killServiceWorker, launch, openPopup, removeProfile } from '../test/e2e/harness';
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

const FETCHES_PER_BLOCK = 500;
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

/** p50 of `count` sequential fetches from the tool page, timed with performance.now(). */
async function fetchP50(tool: Page, url: string, count: number, expected: number): Promise<number> {
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
  return summarize(samples).median;
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

async function setEnabled(popup: Page, enabled: boolean): Promise<void> {
  const [connection] = await call<Record<string, unknown>[]>(popup, 'connections.list');
  await call(popup, 'connections.save', { connection: { ...connection, enabled } });
  await timeUntilRules(popup, 'connections.status', {}, enabled ? 'header' : 'empty');
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
  ratio: Summary;
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
      withRule: [] as number[],
      withoutRule: [] as number[],
      ratio: [] as number[],
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

    // Per-request cost of the rule: alternating blocks with the rule (200) and without it (the
    // connection disabled: no rule, 401), one warm-up block each first.
    await fetchP50(tool, api, 50, 200);
    const pairs = Math.max(5, runs);
    for (let i = 0; i < pairs; i += 1) {
      const withRule = await fetchP50(tool, api, FETCHES_PER_BLOCK, 200);
      await setEnabled(popup, false);
      const withoutRule = await fetchP50(tool, api, FETCHES_PER_BLOCK, 401);
      await setEnabled(popup, true);
      s.withRule.push(withRule);
      s.withoutRule.push(withoutRule);
      s.ratio.push(withRule / withoutRule);
    }

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
      withRule: summarize(s.withRule),
      withoutRule: summarize(s.withoutRule),
      ratio: summarize(s.ratio),
      triggers: summarize(s.triggers),
    };
  } finally {
    await launched.close();
    await removeProfile(launched.userDataDir);
    await stopWorld(world);
    for (const step of cleanUp) await step();
  }
}

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
      [`fetch p50 with the rule (${FETCHES_PER_BLOCK} sequential)`, range(r.withRule), '—'],
      [`fetch p50 without a rule (${FETCHES_PER_BLOCK} sequential)`, range(r.withoutRule), '—'],
      [
        `with / without, ${r.ratio.runs} alternating pairs (ratio)`,
        range(r.ratio, (v) => v.toFixed(3)),
        targetText(FIGURES.injectionRatio),
      ],
      [
        `token requests per ${TRIGGERS} simultaneous triggers (count)`,
        range(r.triggers, String),
        targetText(FIGURES.exchangesPerBurst),
      ],
    ],
  );
}

if (isMain(import.meta.url)) printInjectionTable(await measureInjectionInChromium(argValue('--runs', 5)));
