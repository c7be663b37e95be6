// The Activity log settings page: whether the tools' requests are logged at all, for this session
// only (in memory), or also sealed in the vault for some days. Switching away from a kept log
// deletes it, and switching the log off empties it: the form says so before Save.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ACTIVITY_KEEP_DAYS, type ActivityLogMode, KEPT_ACTIVITY_LIMIT } from '../../core/activity/keeping';
import type { Settings } from '../../core/vault/model';
import { usePopupState } from '../context';
import { useAction } from '../hooks/use-action';
import { FormError } from './error-message';
import { RadioGroup } from './fields/radio-group';
import { TextField } from './fields/text-field';

const MODES = [
  { value: 'off', label: 'Off: no request is logged' },
  { value: 'session', label: 'This session: in memory, emptied when the vault locks' },
  { value: 'kept', label: 'Also kept in the vault, sealed with its key, across sessions' },
] as const satisfies readonly { value: ActivityLogMode; label: string }[];

/** What saving the choice would delete, in words; undefined when it deletes nothing. */
function losing(from: ActivityLogMode, to: ActivityLogMode): string | undefined {
  if (to === 'off' && from !== 'off') {
    return from === 'kept'
      ? 'Saving deletes this session’s requests and the log kept in the vault.'
      : 'Saving deletes this session’s requests.';
  }
  if (from === 'kept' && to === 'session') return 'Saving deletes the log kept in the vault.';
  return undefined;
}

function ActivityLogForm({ current, titleId }: { current: Settings; titleId: string }) {
  const save = useAction(usePopupState().domains.settings.save);
  const mode = useSignal<ActivityLogMode>(current.activityLog);
  const days = useSignal(String(current.activityKeepDays));
  const saved = useSignal(false);

  // Settings restored from a backup change under the form: show them.
  useEffect(() => {
    mode.value = current.activityLog;
    days.value = String(current.activityKeepDays);
  }, [current.activityLog, current.activityKeepDays]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const outcome = await save.run({
      activityLog: mode.value,
      ...(mode.value === 'kept' ? { activityKeepDays: Number(days.value) } : {}),
    });
    saved.value = outcome.ok;
  };
  const warning = losing(current.activityLog, mode.value);

  return (
    <form
      class="panel"
      onSubmit={submit}
      onInput={() => {
        saved.value = false;
      }}
      aria-labelledby={titleId}
    >
      <p class="hint">
        Each request shows its time, page, method, path and status, and whether it carried the vault’s token:
        never a token, a header value, a query string or a body.
      </p>
      <RadioGroup legend="Log your tools’ requests" name="activity-log" value={mode} choices={MODES}>
        {mode.value === 'kept' && (
          <TextField
            label="Keep each request for this many days"
            type="number"
            autocomplete="off"
            min={ACTIVITY_KEEP_DAYS.min}
            max={ACTIVITY_KEEP_DAYS.max}
            step={1}
            required
            value={days}
            onInput={(text) => {
              days.value = text;
            }}
            hint={`The newest ${KEPT_ACTIVITY_LIMIT.toLocaleString('en')} at most. Unreadable without the master password; a backup does not contain it.`}
          />
        )}
      </RadioGroup>
      {warning && <p class="note">{warning}</p>}
      <FormError error={save.error.value} />
      <button type="submit" disabled={save.pending.value}>
        Save
      </button>
      {saved.value && <p role="status">Activity log settings saved.</p>}
    </form>
  );
}

/** The form, once the settings arrived, so that its fields start from them. */
export function ActivityLogSettings({ titleId }: { titleId: string }) {
  const { settings } = usePopupState();
  return settings.value ? <ActivityLogForm current={settings.value} titleId={titleId} /> : null;
}
