// @vitest-environment happy-dom
// The Activity log settings page: off, this session, or kept in the vault for some days; what
// saving a choice deletes is said before Save; and a view showing the log reads it again after.
import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../../src/core/activity/entry';
import type { Settings } from '../../../src/core/vault/model';
import { ActivityLogSettings } from '../../../src/popup/components/activity-settings';
import {
  button,
  click,
  field,
  mounted,
  SETTINGS,
  scriptedClient,
  settle,
  typeInto,
  unlockedVault,
  unmountAll,
} from './support';

function settingsVault(initial: Partial<Settings> = {}) {
  let stored: Settings = { ...SETTINGS, ...initial };
  let activity: ActivityEntry[] = [{ seq: 0 } as ActivityEntry];
  return scriptedClient(
    unlockedVault({
      'settings.get': () => stored,
      'settings.save': ({ settings }) => {
        stored = { ...stored, ...settings };
        // Switched off, the worker forgets its entries.
        if (stored.activityLog === 'off') activity = [];
        return stored;
      },
      'activity.list': () => activity,
    }),
  );
}

const radio = (root: ParentNode, label: string) => field(root, label) as HTMLInputElement;

async function choose(root: ParentNode, label: string): Promise<void> {
  await click(radio(root, label));
}

const submit = (root: ParentNode) => click(button(root, 'Save'));

describe('the activity log settings', () => {
  afterEach(unmountAll);

  it('keeps the log in the vault for the days given', async () => {
    const client = settingsVault();
    const { root } = await mounted(<ActivityLogSettings titleId="t" />, client);
    expect(radio(root, 'This session').checked).toBe(true);
    expect(root.textContent).not.toContain('Keep each request for this many days');
    await choose(root, 'Also kept in the vault');
    await typeInto(field(root, 'Keep each request for this many days') as HTMLInputElement, '7');
    await submit(root);
    await settle(() => root.textContent?.includes('Activity log settings saved.') ?? false);
    expect(client.calls.find((c) => c.type === 'settings.save')?.payload).toEqual({
      settings: { activityLog: 'kept', activityKeepDays: 7 },
    });
  });

  it('says what each choice deletes before it is saved', async () => {
    const { root } = await mounted(
      <ActivityLogSettings titleId="t" />,
      settingsVault({ activityLog: 'kept' }),
    );
    expect(root.querySelector('.note')).toBeNull();
    await choose(root, 'This session');
    expect(root.textContent).toContain('Saving deletes the log kept in the vault.');
    await choose(root, 'Off');
    expect(root.textContent).toContain(
      'Saving deletes this session’s requests and the log kept in the vault.',
    );
  });

  it('switched off, the log shown is read again: what the worker forgot goes from view', async () => {
    const client = settingsVault();
    const { root, state } = await mounted(<ActivityLogSettings titleId="t" />, client);
    await state.need(['activity']);
    expect(state.domains.activity.entries.value).toHaveLength(1);
    await choose(root, 'Off');
    await submit(root);
    await settle(() => state.domains.activity.entries.value.length === 0);
    expect(client.calls.filter((c) => c.type === 'activity.list')).toHaveLength(2);
  });
});
