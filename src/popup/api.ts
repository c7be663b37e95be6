// The popup's only way to the worker: the typed client over runtime messages.
import { sendMessage } from '../platform/runtime';
import { createVaultClient, type VaultClient } from '../shared/client';

export const api: VaultClient = createVaultClient(sendMessage);
