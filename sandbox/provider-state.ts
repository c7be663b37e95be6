// Per-sandbox state of the emulated providers (issued tokens, admin switches, used jtis), kept
// beside the context so that `POST reset` (context.reset()) drops it. For the provider modules.

import type { SandboxContext } from './context';
import { authorization, type SandboxRequest } from './http';

const states = new WeakMap<SandboxContext, Map<symbol, unknown>>();

/** A getter for one provider's state: made on first use, and made afresh after a reset. */
export function providerState<T>(name: string, init: () => T): (ctx: SandboxContext) => T {
  const key = Symbol(name);
  return (ctx) => {
    let all = states.get(ctx);
    if (!all) {
      all = new Map();
      states.set(ctx, all);
    }
    if (!all.has(key)) all.set(key, init());
    return all.get(key) as T;
  };
}

export function resetProviderStates(ctx: SandboxContext): void {
  states.delete(ctx);
}

// A long-running demo must not grow without bound; the oldest tokens go first.
const maxTokens = 10_000;

/** Opaque bearer tokens a provider issued, each with what it is for and when it ends. */
export interface TokenBook<T> {
  /**
   * `sliding`: the token ends after `seconds` without use, as a Salesforce session does — a use
   * once half of that has passed starts it again.
   */
  issue(ctx: SandboxContext, token: string, info: T, seconds: number, options?: { sliding?: boolean }): void;
  /** The token of the request's `Authorization: Bearer` header: its info, or why there is none. */
  bearer(
    ctx: SandboxContext,
    req: SandboxRequest,
  ): { info: T } | { problem: 'missing' | 'unknown' | 'expired' };
}

export function createTokenBook<T>(): TokenBook<T> {
  const tokens = new Map<string, { info: T; expiresAt: number; slideMs?: number }>();
  return {
    issue(ctx, token, info, seconds, options = {}) {
      const ms = seconds * 1000;
      tokens.set(token, { info, expiresAt: ctx.now() + ms, ...(options.sliding ? { slideMs: ms } : {}) });
      if (tokens.size > maxTokens) tokens.delete(tokens.keys().next().value!);
    },
    bearer(ctx, req) {
      const { scheme, credentials } = authorization(req);
      if (scheme !== 'Bearer' || !credentials) return { problem: 'missing' };
      const token = tokens.get(credentials);
      if (!token) return { problem: 'unknown' };
      const now = ctx.now();
      if (token.expiresAt <= now) return { problem: 'expired' };
      if (token.slideMs !== undefined && token.expiresAt - now < token.slideMs / 2)
        token.expiresAt = now + token.slideMs;
      return { info: token.info };
    },
  };
}
