// Routes a raw message to its handler: checks the sender, the request type and the payload,
// and turns every outcome into an envelope. Nothing un-validated reaches a handler.

import { toErrorPayload, VaultError } from '../core/errors';
import type { MessageSender } from '../platform/runtime';
import type { Envelope, RequestOf, RequestType, ResponseOf } from '../shared/messages';
import { isRequestType, requestValidators } from '../shared/request-validators';
import { isTrustedSender, type Self } from './sender';

export type Handlers = { [K in RequestType]: (payload: RequestOf<K>) => Promise<ResponseOf<K>> };

export type Router = (message: unknown, sender: MessageSender) => Promise<Envelope<unknown>>;

export function createRouter(handlers: Handlers, self: () => Self): Router {
  return async (message, sender) => {
    try {
      if (!isTrustedSender(sender, self())) {
        throw new VaultError('FORBIDDEN_SENDER', 'Only the JWT Vault popup may talk to the vault.');
      }
      const { type, payload } = (message ?? {}) as { type?: unknown; payload?: unknown };
      if (!isRequestType(type)) {
        throw new VaultError('INVALID_INPUT', 'Invalid request: unknown request type.');
      }
      const checked = requestValidators[type](payload ?? {}, 'payload');
      const handler = handlers[type] as (payload: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(checked) };
    } catch (error) {
      return { ok: false, error: toErrorPayload(error) };
    }
  };
}
