// Per-connection session state (tokens included) and the persistence hook it goes through. In the
// worker the hook is chrome.storage.session (memory only); here a Map. Imported by the token
// manager, the worker's store adapter and tests.
import type { ErrorPayload } from '../errors';
import type { BudgetKey } from './budget';
import type { TokenIssuer, TokenSet } from './types';

export const TOKEN_STATES = [
  'idle',
  'exchanging',
  'active',
  'refreshing',
  'backing-off',
  'failed',
  'locked',
] as const;

export type TokenState = (typeof TOKEN_STATES)[number];

/** Why a token was asked for: the first use, the user, its timer, a 401 for the one before. */
export type TokenTrigger = 'ensure' | 'manual' | 'scheduled' | 'unauthorized';

/** One token request of the session, as the token inspector lists it. Never a token. */
export interface TokenEvent {
  at: number;
  trigger: TokenTrigger;
  grant: 'jwt' | 'refresh_token';
  /** The new token's number, when one came. */
  generation?: number;
  /** The error's code, when none came. */
  error?: string;
}

/** Token requests remembered per session, the newest kept. */
export const TOKEN_HISTORY_LIMIT = 20;

/** Everything the manager keeps about one connection. Holds tokens: never log or send it. */
export interface SessionState {
  state: TokenState;
  generation: number;
  tokens?: TokenSet;
  /** Who issued `tokens`: revoking must reach that server and client, even after an edit. */
  issuer?: TokenIssuer;
  /** The budget its requests spend from: revoking them spends from it too. */
  issuerBudget?: BudgetKey;
  retryAt?: number;
  /** Consecutive transient failures, for the exponential backoff. */
  failures: number;
  lastError?: ErrorPayload;
  lastRefreshAt?: number;
  /** The generation whose 401 was already answered (a new token request, or a refusal). */
  unauthorizedGeneration?: number;
  /**
   * The current token was issued in answer to a 401 (or while the API refused new tokens) and
   * the API has not accepted it yet: a 401 for it now means the API refuses new tokens, and
   * asking again at once would loop.
   */
  onProbation?: boolean;
  /** How many new tokens in a row the API refused: the back-off grows with it. */
  refusals?: number;
  /** The generation the API was last seen to accept (it answered a request that carried it). */
  acceptedGeneration?: number;
  /** This session's token requests, oldest first (TOKEN_HISTORY_LIMIT at most). */
  history?: TokenEvent[];
}

export interface SessionStore {
  load(connectionId: string): Promise<SessionState | undefined> | SessionState | undefined;
  save(connectionId: string, state: SessionState): Promise<void> | void;
  /** Every connection with a saved state, so lockAll reaches tokens saved before a worker restart. */
  list(): Promise<string[]> | string[];
}

export function createMemorySessionStore(): SessionStore {
  const states = new Map<string, SessionState>();
  return {
    load: (connectionId) => {
      const state = states.get(connectionId);
      return state && structuredClone(state);
    },
    save: (connectionId, state) => {
      states.set(connectionId, structuredClone(state));
    },
    list: () => [...states.keys()],
  };
}

/**
 * A state saved mid-request describes a request that died with the previous worker: resume from
 * what is known instead.
 */
export function settle(state: SessionState): SessionState {
  if (state.state !== 'exchanging' && state.state !== 'refreshing') return state;
  return { ...state, state: state.tokens ? 'active' : 'idle' };
}
