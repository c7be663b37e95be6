// The typed client pages use to call the worker: sends a request, unwraps the envelope and
// rebuilds a failure as the matching error class. The transport is injected (platform code).
import { errorFromPayload, VaultError } from '../core/errors';
import type { Envelope, RequestOf, RequestType, ResponseOf } from './messages';

export type Transport = (message: unknown) => Promise<unknown>;

export interface VaultClient {
  call<K extends RequestType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>>;
}

export function createVaultClient(send: Transport): VaultClient {
  return {
    async call(type, payload) {
      const reply = (await send({ type, payload })) as Envelope<never> | undefined;
      if (!reply || typeof reply !== 'object' || typeof reply.ok !== 'boolean') {
        throw new VaultError('INTERNAL', 'The vault did not answer. Reopen the popup and try again.');
      }
      if (reply.ok) return reply.value;
      throw errorFromPayload(reply.error);
    },
  };
}
