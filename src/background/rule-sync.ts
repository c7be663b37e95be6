// Keeps the session rules in step with the tokens, the vault's connections and the tool tabs: one
// atomic updateSessionRules per change, computed from the state when it runs. The plan (targets
// read from the vault) is kept until a connection, app or permission changes; a token swap or a
// tab navigation reads nothing else. Imported by auto-auth and tests.

import { issuerEndpoints, tokenIssuerFor } from '../core/credentials/issuer';
import {
  assignSlots,
  buildRules,
  diffRules,
  type InjectionTarget,
  type InstalledRule,
  type Rule,
} from '../core/rules';
import { originsNeeded } from '../core/rules/host-patterns';
import { createToolTabs, type TabSnapshot } from '../core/rules/tool-tabs';
import type { ActiveToken, TokenIssuer } from '../core/tokens';
import type { VaultRecords } from '../core/vault';
import type { Connection } from '../core/vault/model';
import type { KeyValueArea } from '../platform/storage';
import type { AutoAuthDeps } from './auto-auth';

const SLOTS = 'rules.slots';

/** A connection as the rules see it, without its token and tabs. */
export type PlannedTarget = Omit<InjectionTarget, 'accessToken' | 'tabIds'>;

interface Plan {
  targets: PlannedTarget[];
  permissionMissing: Set<string>;
}

export interface RuleSyncDeps {
  /** The vault's records, or undefined when locked. */
  records(): Promise<VaultRecords | undefined>;
  /** Enabled connections whose credential still allows their app. */
  usable(): Promise<Connection[]>;
  store: KeyValueArea;
  rules: AutoAuthDeps['rules'];
  tabs: AutoAuthDeps['tabs'];
  hostAccess: AutoAuthDeps['hostAccess'];
  tokens: ReadonlyMap<string, ActiveToken>;
  onChange?: () => void;
}

/** Who issues the connection's tokens: its app, or its credential's own token URL. */
async function issuerOf(records: VaultRecords, connection: Connection): Promise<TokenIssuer | undefined> {
  const [app, credential] = await Promise.all([
    connection.appId === undefined ? undefined : records.get('apps', connection.appId),
    records.get('credentials', connection.credentialId),
  ]);
  return credential && tokenIssuerFor(credential, app);
}

export function createRuleSync(deps: RuleSyncDeps) {
  const toolTabs = createToolTabs();
  let plan: Promise<Plan> | undefined;
  // The rules as last applied; read back from the browser after a worker restart.
  let applied: readonly InstalledRule[] | undefined;
  const missingPermission = new Set<string>();

  async function loadPlan(): Promise<Plan> {
    const records = await deps.records();
    const connections = await deps.usable();
    const slots = assignSlots(
      new Map(Object.entries((await deps.store.get<Record<string, number>>(SLOTS)) ?? {})),
      connections.map((c) => c.id),
    );
    await deps.store.set(SLOTS, Object.fromEntries(slots));
    const result: Plan = { targets: [], permissionMissing: new Set() };
    for (const connection of connections) {
      const issuer = records && (await issuerOf(records, connection));
      if (!issuer) continue;
      if (
        !(await deps.hostAccess(
          originsNeeded(connection, 'tokenUrl' in issuer ? issuer.tokenUrl : undefined),
        ))
      ) {
        result.permissionMissing.add(connection.id);
        continue;
      }
      result.targets.push({
        connectionId: connection.id,
        slot: slots.get(connection.id)!,
        apiBaseUrl: connection.apiBaseUrl,
        toolOrigins: connection.toolOrigins,
        app: issuerEndpoints(issuer),
      });
    }
    return result;
  }

  function currentPlan(): Promise<Plan> {
    plan ??= loadPlan().catch((error) => {
      plan = undefined;
      throw error;
    });
    return plan;
  }

  /** One atomic updateSessionRules from the plan, the tokens and the tool tabs. */
  async function applyRules(): Promise<void> {
    const { targets, permissionMissing } = await currentPlan();
    const live: InjectionTarget[] = [];
    for (const target of targets) {
      const token = deps.tokens.get(target.connectionId);
      if (token) {
        live.push({ ...target, accessToken: token.accessToken, tabIds: toolTabs.on(target.toolOrigins) });
      }
    }
    const next: Rule[] = buildRules(live);
    applied ??= await deps.rules.get();
    await deps.rules.update(diffRules(applied, next));
    applied = next;
    missingPermission.clear();
    for (const id of permissionMissing) missingPermission.add(id);
    deps.onChange?.();
  }

  // Rule updates run one at a time, each computed from the state when it starts: two token
  // swaps racing must not install an older token over a newer one.
  let syncing: Promise<void> = Promise.resolve();
  function sync(): Promise<void> {
    const run = syncing.then(applyRules, applyRules);
    syncing = run.catch(() => {});
    return run;
  }

  /** A tab event that may have moved a tab on or off a tool origin. */
  const ifChanged = (changed: boolean) => (changed ? sync().catch(() => {}) : Promise.resolve());

  return {
    sync,

    /** Connections, apps or permissions changed: the next update reads them again. */
    replan(): void {
      plan = undefined;
    },

    /** At worker start: forget what this worker assumed, and read the tabs afresh. */
    async restart(): Promise<void> {
      plan = undefined;
      applied = undefined;
      toolTabs.reset(await deps.tabs.query());
    },

    async removeAll(): Promise<void> {
      const installed = await deps.rules.get();
      await deps.rules.update({ removeRuleIds: installed.map((r) => r.id), addRules: [] });
      applied = [];
      await deps.store.remove(SLOTS);
    },

    /** The connections the plan would inject for (host access granted), with their tool origins. */
    async targets(): Promise<readonly PlannedTarget[]> {
      return (await currentPlan()).targets;
    },

    isMissingPermission: (id: string) => missingPermission.has(id),

    /** Whether the installed rules carry this header value. */
    carries: (header: string) =>
      (applied ?? []).some((rule) => (rule as Rule).action?.requestHeaders?.[0]?.value === header),

    /** Whether some tab is pinned for the connection's tool origins right now. */
    tabsOn: (origins: readonly string[]) => toolTabs.on(origins),

    // Tab events. A tab leaving its origin is unpinned when the navigation starts, before the
    // next page can send anything; it is pinned again only once the new page has committed.
    navigating: (tabId: number, url: string) => ifChanged(toolTabs.navigating(tabId, url)),
    committed: (tabId: number, url: string | undefined) => ifChanged(toolTabs.committed(tabId, url)),
    removed: (tabId: number) => ifChanged(toolTabs.removed(tabId)),
    /**
     * A tab whose navigation may have ended without a commit (a 204, a download, an error), or
     * that took another's place: read where it is. While it still loads, the commit to come
     * says where it lands, and the URL read now may be the page being left.
     */
    async reread(tabId: number): Promise<void> {
      const tab: TabSnapshot | undefined = await deps.tabs.get(tabId);
      if (!tab) return ifChanged(toolTabs.removed(tabId));
      if (!tab.loading) await ifChanged(toolTabs.committed(tabId, tab.url));
    },
  };
}

export type RuleSync = ReturnType<typeof createRuleSync>;
