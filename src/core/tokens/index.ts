// The token core's public surface, re-exported by name. Imported by the worker and tests.
export { type BudgetKey, type BudgetStore, createTokenBudget, type TokenBudget } from './budget';
export {
  createTokenClient,
  DEFAULT_TIMEOUT_MS,
  type FetchLike,
  JWT_BEARER_GRANT,
  type RevokeOutcome,
  type TokenClient,
  type TokenClientDeps,
  type TokenRequestOptions,
} from './client';
export {
  type ConfigResolver,
  type ConnectionConfig,
  createTokenManager,
  type RevokeReport,
  type Scheduler,
  type TokenInspection,
  type TokenListener,
  type TokenManager,
  type TokenManagerDeps,
  type TokenStatus,
} from './manager';
export { backoffDelay, DEFAULT_POLICY, refreshAt, retryAtAfter, type TokenPolicy } from './policy';
export { DEFAULT_RETRY_AFTER_MS } from './retry-after';
export {
  createMemorySessionStore,
  type SessionState,
  type SessionStore,
  TOKEN_STATES,
  type TokenEvent,
  type TokenState,
} from './session';
export { isPermanent, TokenError, type TokenErrorDetail } from './token-error';
export type {
  ActiveToken,
  Clock,
  GrantKind,
  TokenApp,
  TokenIssuer,
  TokenProvider,
  TokenSet,
  TokenUrl,
} from './types';
