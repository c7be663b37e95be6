// What a person can do to one connection, wherever it shows (its card on Home, its own page):
// enable or disable, grant missing host access, refresh the token, send a test request, delete.
// One busy state and one error line for all of them, whichever acted.
import { type ReadonlySignal, useSignal } from '@preact/signals';
import type { ConnectionTestResult } from '../../shared/messages';
import { usePopupState } from '../context';
import { askHostAccess } from '../host-access';
import type { ConnectionRow } from '../state';
import { type Runner, useAction } from './use-action';

export interface ConnectionActions {
  act: Runner;
  /** The last test request's outcome, until the next one starts. */
  result: ReadonlySignal<ConnectionTestResult | undefined>;
  testing: ReadonlySignal<boolean>;
  /** The browser refused the last Grant access. */
  refused: ReadonlySignal<boolean>;
  toggle(): void;
  grant(): void;
  refresh(): Promise<void>;
  test(): Promise<void>;
}

export function useConnectionActions(row: ConnectionRow): ConnectionActions {
  const { connections, domains } = usePopupState();
  const act = useAction();
  const result = useSignal<ConnectionTestResult | undefined>(undefined);
  const testing = useSignal(false);
  const refused = useSignal(false);
  const stillMissing = (id: string) =>
    connections.value.find((r) => r.id === id)?.status.permissionMissing ?? false;

  return {
    act,
    result,
    testing,
    refused,
    toggle() {
      const input = {
        id: row.id,
        credentialId: row.credentialId,
        ...(row.appId === undefined ? {} : { appId: row.appId }),
        apiBaseUrl: row.apiBaseUrl,
        toolOrigins: row.toolOrigins,
        enabled: !row.status.enabled,
      };
      // Enabling is a click too: ask for host access within it, before any await.
      const access = input.enabled
        ? askHostAccess({ ...input, tokenUrl: row.tokenUrl })
        : Promise.resolve(true);
      void (async () => {
        const saved = await act.run(() => domains.connections.save(input));
        if (!saved.ok) return;
        await domains.connections.settle();
        if (await access) await domains.connections.settle(() => !stillMissing(row.id));
      })();
    },
    grant() {
      const access = askHostAccess(row);
      void (async () => {
        const granted = await access;
        refused.value = !granted;
        // The worker notices the grant on its own; follow it until the row stops saying so.
        if (granted) await domains.connections.settle(() => !stillMissing(row.id));
      })();
    },
    async refresh() {
      await act.run(() => domains.connections.refresh(row.id));
    },
    async test() {
      testing.value = true;
      result.value = undefined;
      const outcome = await act.run(() => domains.connections.test(row.id));
      testing.value = false;
      result.value = outcome.ok ? outcome.value : undefined;
    },
  };
}
