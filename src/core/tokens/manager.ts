// The token manager: one state machine per connection that gets, keeps fresh and drops access
// tokens. Pure: the client, clock, scheduler (chrome.alarms in the worker), persistence hook
// (chrome.storage.session) and token listener (one DNR update) are injected.
// Imported by the worker and tests.
import { type ErrorPayload, errorFromPayload, VaultError } from '../errors';
import type { BudgetKey, TokenBudget } from './budget';
import type { RevokeOutcome, TokenClient, TokenRequestOptions } from './client';
import { backoffDelay, DEFAULT_POLICY, refreshAt, retryAtAfter, type TokenPolicy } from './policy';
import {
  createMemorySessionStore,
  type SessionState,
  type SessionStore,
  settle,
  TOKEN_HISTORY_LIMIT,
  type TokenEvent,
  type TokenState,
  type TokenTrigger,
} from './session';
import { isPermanent, TokenError } from './token-error';
import type { ActiveToken, Clock, TokenIssuer, TokenSet } from './types';

/** What the worker resolves for a connection while the vault is unlocked. */
export interface ConnectionConfig {
  connectionId: string;
  app: TokenIssuer;
  /** The credential's JWT, or an assertion signed for this request; none for a client with a secret. */
  jwt?: string;
  /** The provider's budget of token requests this one spends from, if it has one. */
  budget?: BudgetKey;
}

/** Returns the config, or undefined (NOT_FOUND) or throws (e.g. LOCKED) when there is none. */
export type ConfigResolver = (
  connectionId: string,
) => Promise<ConnectionConfig | undefined> | ConnectionConfig | undefined;

/** One pending wake-up per connection; scheduling again replaces it. */
export interface Scheduler {
  schedule(connectionId: string, atEpochMs: number): void | Promise<void>;
  cancel(connectionId: string): void | Promise<void>;
}

/**
 * Asks the API itself whether it accepts a token (the connection's test request): `ok` when it
 * does, else the error code its answer carried, if any. Used only when a 401 hits a token on
 * probation, to tell "the API refuses new tokens" from "the tool's request was refused".
 */
export type TokenProbe = (
  connectionId: string,
  accessToken: string,
) => Promise<{ ok: boolean; code?: string }>;

/**
 * Told about every new token and every removal (undefined). Awaited, so ensureToken resolves once
 * the rule is in place; its errors are swallowed, so it must report its own.
 */
export type TokenListener = (connectionId: string, token: ActiveToken | undefined) => void | Promise<void>;

export interface TokenManagerDeps {
  client: Pick<TokenClient, 'exchangeJwt' | 'refresh' | 'revoke'>;
  clock: Clock;
  scheduler: Scheduler;
  resolve: ConfigResolver;
  store?: SessionStore;
  onToken?: TokenListener;
  probe?: TokenProbe;
  policy?: Partial<TokenPolicy>;
  /** Sent with every exchange and refresh, e.g. a shorter access_token_ttl. */
  requestOptions?: TokenRequestOptions;
  /** Where the providers' budgets of token requests are kept; without it nothing is held back. */
  budget?: TokenBudget;
}

/** What the popup may see: no token, ever. */
export interface TokenStatus {
  state: TokenState;
  generation: number;
  expiresAt?: number;
  retryAt?: number;
  lastError?: Pick<ErrorPayload, 'code' | 'message' | 'link'>;
  lastRefreshAt?: number;
  /** The API has answered a request that carried the current token: it works. */
  accepted?: boolean;
}

/**
 * What the token inspector shows of a connection's token session: the current token's times,
 * scope and refresh token (whether there is one, never its value), and the session's token
 * requests. `accessToken` stays in the worker: it decodes a JWT one, then drops it.
 */
export interface TokenInspection {
  generation: number;
  issuedAt?: number;
  expiresAt?: number;
  scope?: string;
  refreshToken?: { expiresAt?: number };
  history: TokenEvent[];
  accessToken?: string;
}

export interface RevokeReport {
  connectionId: string;
  /** Undefined when there was nothing to revoke or revoking was not asked for. */
  outcome?: RevokeOutcome;
}

export interface TokenManager {
  /** A usable token: the current one, or one request shared by every concurrent caller. */
  ensureToken(connectionId: string): Promise<ActiveToken>;
  /** A new token now, whatever the state (the user's "retry"): leaves failed and backing-off. */
  refreshNow(connectionId: string): Promise<ActiveToken>;
  /** The scheduler's wake-up: refresh when due, retry when the wait is over. Never rejects. */
  onScheduled(connectionId: string): Promise<void>;
  /**
   * A 401 for a request that carried this token generation: at most one new token request per
   * generation; a new token refused at once backs off instead (TOKEN_REFUSED). Never rejects.
   */
  onUnauthorized(connectionId: string, generation: number): Promise<void>;
  /** The API answered (not 401) a request that carried this generation: the token is good. */
  onAnswered(connectionId: string, generation: number): Promise<void>;
  /** Drops the tokens (edit or delete), back to idle; revokes them best effort. Never rejects on revoke. */
  purge(connectionId: string, options: { revoke: boolean }): Promise<RevokeReport>;
  /** Every connection locked, tokens dropped, wake-ups cancelled, then revoked best effort. */
  lockAll(options: { revoke: boolean }): Promise<RevokeReport[]>;
  status(connectionId: string): Promise<TokenStatus>;
  inspect(connectionId: string): Promise<TokenInspection>;
  /** After a worker restart: re-arms the wake-up and returns the token to inject, if still valid. */
  resume(connectionId: string): Promise<ActiveToken | undefined>;
}

interface Entry {
  session: SessionState;
  flight?: Promise<ActiveToken>;
  /** Bumped by purge and lock: a request started before must not install its result. */
  epoch: number;
  abortedWith?: VaultError;
}

type Trigger = TokenTrigger;

/** Adds a token request to the session's history, the oldest dropped past the limit. */
function remember(s: SessionState, event: TokenEvent): void {
  s.history = [...(s.history ?? []), event].slice(-TOKEN_HISTORY_LIMIT);
}

export function createTokenManager(deps: TokenManagerDeps): TokenManager {
  const policy: TokenPolicy = { ...DEFAULT_POLICY, ...deps.policy };
  const store = deps.store ?? createMemorySessionStore();
  const entries = new Map<string, Promise<Entry>>();
  const now = () => deps.clock.now();

  // One promise per connection, so concurrent first calls share one load and one entry.
  const entryOf = (id: string): Promise<Entry> => {
    let entry = entries.get(id);
    if (!entry) {
      entry = Promise.resolve(store.load(id)).then((saved) => ({
        session: saved ? settle(saved) : { state: 'idle', generation: 0, failures: 0 },
        epoch: 0,
      }));
      entries.set(id, entry);
    }
    return entry;
  };

  const save = (id: string, entry: Entry) => store.save(id, entry.session);

  const emit = async (id: string, token: ActiveToken | undefined) => {
    try {
      await deps.onToken?.(id, token);
    } catch {
      // The listener owns its failures; a broken listener must not corrupt token state.
    }
  };

  const valid = (tokens: TokenSet | undefined): tokens is TokenSet => !!tokens && now() < tokens.expiresAt;
  const active = (s: SessionState, tokens: TokenSet): ActiveToken => ({
    accessToken: tokens.accessToken,
    expiresAt: tokens.expiresAt,
    generation: s.generation,
  });

  /** Throws when purge or lock happened since `epoch`; revokes whatever the stale request got. */
  const stillCurrent = (
    entry: Entry,
    epoch: number,
    got?: { app: TokenIssuer; tokens: TokenSet; budget?: BudgetKey | undefined },
  ) => {
    if (entry.epoch === epoch) return;
    if (got) void revokeTokens(got.app, got.tokens, got.budget);
    throw (
      entry.abortedWith ?? new VaultError('NOT_FOUND', 'The connection changed while its token was fetched.')
    );
  };

  const revokeTokens = async (
    app: TokenIssuer,
    tokens: TokenSet,
    budget: BudgetKey | undefined,
  ): Promise<RevokeOutcome> => {
    // A revoke counts against the same limit (RingCentral's Auth group): past it, the answer
    // would be a 429 and a minute's penalty for the user's next unlock. Left to expire instead.
    if (budget && deps.budget && (await deps.budget.spend(budget)) !== undefined) {
      return {
        revoked: false,
        code: 'RATE_LIMITED',
        message: `Not revoked: ${budget.rule}, and that many went in the last minute. The session ends when its token expires.`,
      };
    }
    // One revoke ends the whole session; the refresh token outlives the access token.
    return deps.client.revoke(app, tokens.refreshToken ?? tokens.accessToken);
  };

  const setState = async (id: string, entry: Entry, state: TokenState) => {
    entry.session.state = state;
    await save(id, entry);
  };

  const install = async (
    id: string,
    entry: Entry,
    app: TokenIssuer,
    budget: BudgetKey | undefined,
    tokens: TokenSet,
    trigger: Trigger,
    grant: TokenEvent['grant'],
  ) => {
    const s = entry.session;
    s.generation += 1;
    remember(s, { at: tokens.receivedAt, trigger, grant, generation: s.generation });
    // A token got because the last one was refused must itself be accepted before a 401 may
    // cause another request: otherwise an API that refuses every token drives a tight loop.
    s.onProbation = trigger === 'unauthorized' || (s.refusals ?? 0) > 0;
    s.state = 'active';
    s.tokens = tokens;
    s.issuer = app;
    if (budget) s.issuerBudget = budget;
    else delete s.issuerBudget;
    s.failures = 0;
    s.lastRefreshAt = tokens.receivedAt;
    delete s.retryAt;
    delete s.lastError;
    // The new token goes into the rules first: the server has already killed the previous
    // one, so every millisecond before the swap is a request sent with a dead token.
    const token = active(s, tokens);
    await emit(id, token);
    await save(id, entry);
    await deps.scheduler.schedule(id, refreshAt(tokens, policy));
    return token;
  };

  const recordFailure = async (id: string, entry: Entry, error: VaultError) => {
    const s = entry.session;
    s.lastError = { code: error.code, message: error.message, ...(error.link ? { link: error.link } : {}) };
    if (isPermanent(error.code)) {
      // Nothing a retry could fix: stop injecting and wait for an edit or a manual refresh.
      const hadToken = s.tokens !== undefined;
      s.state = 'failed';
      s.failures = 0;
      delete s.tokens;
      delete s.retryAt;
      await save(id, entry);
      await deps.scheduler.cancel(id);
      if (hadToken) await emit(id, undefined);
      return;
    }
    s.failures += 1;
    s.retryAt = retryAtAfter(error, s.failures, now(), policy);
    s.state = 'backing-off';
    await save(id, entry);
    await deps.scheduler.schedule(id, s.retryAt);
  };

  /**
   * Spends one request of the provider's budget, or holds this one back (RATE_LIMITED, retried
   * when a request is free): a 429 would cost a minute's penalty, and repeat offenders risk more.
   */
  const spend = async (config: ConnectionConfig, grant: 'jwt' | 'refresh_token') => {
    if (!config.budget || !deps.budget) return;
    const freeAt = await deps.budget.spend(config.budget);
    if (freeAt === undefined) return;
    throw new TokenError(
      'RATE_LIMITED',
      `The vault holds this token request back: ${config.budget.rule}, and that many went in the last minute. It asks again as soon as one is free.`,
      { grant },
      freeAt,
    );
  };

  /** The one token request of a flight: refresh token first, the JWT when there is none or it is refused. */
  const obtain = async (id: string, entry: Entry, trigger: Trigger): Promise<ActiveToken> => {
    const epoch = entry.epoch;
    const config = await deps.resolve(id);
    stillCurrent(entry, epoch);
    if (!config)
      throw new VaultError('NOT_FOUND', 'This connection is not available: it was removed or disabled.');
    const s = entry.session;
    if (s.tokens && s.issuer && !sameIssuer(s.issuer, config.app)) {
      // Tokens of the app as it was before an edit are not refreshed with the new one.
      void revokeTokens(s.issuer, s.tokens, s.issuerBudget);
      delete s.tokens;
      await emit(id, undefined);
    }
    let grant: TokenEvent['grant'] = 'jwt';
    try {
      let tokens: TokenSet | undefined;
      const refreshToken = s.tokens?.refreshToken;
      const refreshExpiresAt = s.tokens?.refreshExpiresAt;
      if (refreshToken && (refreshExpiresAt === undefined || now() < refreshExpiresAt)) {
        grant = 'refresh_token';
        await spend(config, 'refresh_token');
        await setState(id, entry, 'refreshing');
        try {
          tokens = await deps.client.refresh(config.app, refreshToken, deps.requestOptions);
        } catch (error) {
          if (!(error instanceof TokenError && error.refreshTokenRejected)) throw error;
          stillCurrent(entry, epoch);
          remember(s, { at: now(), trigger, grant, error: error.code });
          grant = 'jwt';
          // Used or expired: never send it again.
          if (s.tokens) delete s.tokens.refreshToken;
        }
      }
      if (!tokens) {
        stillCurrent(entry, epoch);
        await spend(config, 'jwt');
        await setState(id, entry, 'exchanging');
        tokens = await deps.client.exchangeJwt(config.app, config.jwt, deps.requestOptions);
      }
      stillCurrent(entry, epoch, { app: config.app, tokens, budget: config.budget });
      if (config.budget && tokens.advertisedLimit)
        await deps.budget?.learn(config.budget, tokens.advertisedLimit);
      return await install(id, entry, config.app, config.budget, tokens, trigger, grant);
    } catch (error) {
      stillCurrent(entry, epoch);
      const failure = asVaultError(error);
      remember(s, { at: now(), trigger, grant, error: failure.code });
      await recordFailure(id, entry, failure);
      throw failure;
    }
  };

  const startFlight = (id: string, entry: Entry, trigger: Trigger): Promise<ActiveToken> => {
    const flight = obtain(id, entry, trigger).finally(() => {
      if (entry.flight === flight) delete entry.flight;
    });
    entry.flight = flight;
    return flight;
  };

  /** Joins the running request or starts one; for `ensure`, a still-valid token beats a transient error. */
  const request = async (id: string, entry: Entry, trigger: Trigger): Promise<ActiveToken> => {
    const flight = entry.flight ?? startFlight(id, entry, trigger);
    if (trigger !== 'ensure') return flight;
    try {
      return await flight;
    } catch (error) {
      const s = entry.session;
      if (s.state === 'backing-off' && valid(s.tokens)) return active(s, s.tokens);
      throw error;
    }
  };

  const probeQuietly = async (id: string, accessToken: string): Promise<{ ok: boolean; code?: string }> => {
    if (!deps.probe) return { ok: false };
    try {
      return await deps.probe(id, accessToken);
    } catch {
      return { ok: false };
    }
  };

  const accept = async (id: string, entry: Entry) => {
    const s = entry.session;
    s.onProbation = false;
    s.refusals = 0;
    s.acceptedGeneration = s.generation;
    await save(id, entry);
  };

  /** The API refused a token just issued: say so, keep it, and ask again only after a back-off. */
  const refuse = async (id: string, entry: Entry, code: string | undefined) => {
    const s = entry.session;
    s.refusals = (s.refusals ?? 0) + 1;
    const shown = code && /^[A-Za-z0-9_.-]{1,40}$/.test(code) ? ` (${code})` : '';
    s.lastError = {
      code: 'TOKEN_REFUSED',
      message: `The API refuses the new tokens the server issues: it answered 401${shown}. The vault asks for another one later, waiting longer each time.`,
    };
    s.state = 'backing-off';
    s.retryAt = now() + backoffDelay(s.refusals, policy);
    await save(id, entry);
    await deps.scheduler.schedule(id, s.retryAt);
  };

  const quietly = async (run: Promise<unknown>) => {
    try {
      await run;
    } catch {
      // Recorded in the state; the status shows it.
    }
  };

  const dropTokens = async (id: string, entry: Entry, state: 'idle' | 'locked', abort: VaultError) => {
    const { tokens, issuer, issuerBudget, generation } = entry.session;
    entry.epoch += 1;
    entry.abortedWith = abort;
    delete entry.flight;
    entry.session = { state, generation, failures: 0 };
    await save(id, entry);
    await deps.scheduler.cancel(id);
    if (tokens) await emit(id, undefined);
    return tokens && issuer ? { tokens, issuer, budget: issuerBudget } : undefined;
  };

  return {
    async ensureToken(id) {
      const entry = await entryOf(id);
      if (entry.flight) return request(id, entry, 'ensure');
      const s = entry.session;
      const at = now();
      if (s.state === 'failed') throw errorFromPayload(s.lastError ?? unknownFailure());
      if (s.state === 'backing-off' && s.retryAt !== undefined && at < s.retryAt) {
        if (valid(s.tokens)) return active(s, s.tokens);
        const last = s.lastError ?? unknownFailure();
        throw new VaultError(last.code, last.message, s.retryAt);
      }
      if (s.state === 'active' && valid(s.tokens) && at < refreshAt(s.tokens, policy)) {
        return active(s, s.tokens);
      }
      return request(id, entry, 'ensure');
    },

    async refreshNow(id) {
      return request(id, await entryOf(id), 'manual');
    },

    async onScheduled(id) {
      const entry = await entryOf(id);
      if (entry.flight) return quietly(entry.flight);
      const s = entry.session;
      const due = s.state === 'active' && s.tokens ? refreshAt(s.tokens, policy) : s.retryAt;
      if ((s.state !== 'active' && s.state !== 'backing-off') || due === undefined) return;
      if (now() < due) {
        // A wake-up that comes early (or a stale alarm) re-arms instead of acting.
        await deps.scheduler.schedule(id, due);
        return;
      }
      return quietly(request(id, entry, 'scheduled'));
    },

    async onUnauthorized(id, generation) {
      const entry = await entryOf(id);
      const s = entry.session;
      if (!s.tokens || generation !== s.generation || s.unauthorizedGeneration === generation) return;
      // Backing off (a rate limit, say) means no request before retryAt, 401 or not.
      if (s.state !== 'active' || entry.flight) return;
      s.unauthorizedGeneration = generation;
      await save(id, entry);
      if (!s.onProbation) return quietly(request(id, entry, 'unauthorized'));
      const epoch = entry.epoch;
      const verdict = await probeQuietly(id, s.tokens.accessToken);
      if (entry.epoch !== epoch || s.generation !== generation) return;
      if (verdict.ok) {
        // The API takes the token: that 401 was about the tool's request, not the token.
        await accept(id, entry);
        return;
      }
      await refuse(id, entry, verdict.code);
    },

    async onAnswered(id, generation) {
      const entry = await entryOf(id);
      const s = entry.session;
      // Saved once per token: later answers for the same token change nothing.
      if (s.generation === generation && s.acceptedGeneration !== generation) await accept(id, entry);
    },

    async purge(id, options) {
      const entry = await entryOf(id);
      const dropped = await dropTokens(
        id,
        entry,
        'idle',
        new VaultError('NOT_FOUND', 'The connection changed while its token was fetched.'),
      );
      if (!options.revoke || !dropped) return { connectionId: id };
      return {
        connectionId: id,
        outcome: await revokeTokens(dropped.issuer, dropped.tokens, dropped.budget),
      };
    },

    async lockAll(options) {
      const ids = new Set([...entries.keys(), ...(await store.list())]);
      const dropped: {
        id: string;
        tokens?: TokenSet;
        issuer?: TokenIssuer;
        budget?: BudgetKey | undefined;
      }[] = [];
      const locked = new VaultError('LOCKED', 'The vault was locked.');
      // Clear everything first: no token may stay injected while revocations travel.
      for (const id of ids) {
        dropped.push({ id, ...(await dropTokens(id, await entryOf(id), 'locked', locked)) });
      }
      return Promise.all(
        dropped.map(async ({ id, tokens, issuer, budget }) =>
          options.revoke && tokens && issuer
            ? { connectionId: id, outcome: await revokeTokens(issuer, tokens, budget) }
            : { connectionId: id },
        ),
      );
    },

    async status(id) {
      const s = (await entryOf(id)).session;
      const status: TokenStatus = { state: s.state, generation: s.generation };
      if (s.tokens) status.expiresAt = s.tokens.expiresAt;
      if (s.state === 'backing-off' && s.retryAt !== undefined) status.retryAt = s.retryAt;
      if (s.lastError) {
        const { code, message, link } = s.lastError;
        status.lastError = { code, message, ...(link ? { link } : {}) };
      }
      if (s.lastRefreshAt !== undefined) status.lastRefreshAt = s.lastRefreshAt;
      if (s.tokens) status.accepted = s.acceptedGeneration === s.generation;
      return status;
    },

    async inspect(id) {
      const s = (await entryOf(id)).session;
      const inspection: TokenInspection = { generation: s.generation, history: [...(s.history ?? [])] };
      const tokens = s.tokens;
      if (!tokens) return inspection;
      inspection.issuedAt = tokens.receivedAt;
      inspection.expiresAt = tokens.expiresAt;
      inspection.accessToken = tokens.accessToken;
      if (tokens.scope) inspection.scope = tokens.scope;
      if (tokens.refreshToken)
        inspection.refreshToken =
          tokens.refreshExpiresAt === undefined ? {} : { expiresAt: tokens.refreshExpiresAt };
      return inspection;
    },

    async resume(id) {
      const entry = await entryOf(id);
      const s = entry.session;
      if (s.state === 'active' && s.tokens) await deps.scheduler.schedule(id, refreshAt(s.tokens, policy));
      if (s.state === 'backing-off' && s.retryAt !== undefined) await deps.scheduler.schedule(id, s.retryAt);
      return valid(s.tokens) && (s.state === 'active' || s.state === 'backing-off')
        ? active(s, s.tokens)
        : undefined;
    },
  };
}

function sameIssuer(a: TokenIssuer, b: TokenIssuer): boolean {
  if ('tokenUrl' in a || 'tokenUrl' in b)
    return 'tokenUrl' in a && 'tokenUrl' in b && a.tokenUrl === b.tokenUrl;
  return a.clientId === b.clientId && a.serverUrl === b.serverUrl && a.tokenPath === b.tokenPath;
}

function asVaultError(error: unknown): VaultError {
  if (error instanceof VaultError) return error;
  // Unknown errors may carry anything in their text: keep only a fixed message.
  return new VaultError('INTERNAL', 'The token request failed unexpectedly.');
}

function unknownFailure(): ErrorPayload {
  return { code: 'INTERNAL', message: 'The connection failed earlier.' };
}
