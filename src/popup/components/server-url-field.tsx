// The app's server URL, with the warning for RingCentral's retired sandbox. One field for
// every form that sets it (add/edit app, .env import), so none of them loses the warning.
import type { Signal } from '@preact/signals';
import { useId } from 'preact/hooks';
import { RETIRED_SANDBOX_URL } from '../../core/vault/model';
import { TextField } from './fields/text-field';

export function isRetiredServer(url: string): boolean {
  return url.trim().replace(/\/+$/, '') === RETIRED_SANDBOX_URL;
}

export function ServerUrlField({ value }: { value: Signal<string> }) {
  const warningId = useId();
  const retired = isRetiredServer(value.value);
  return (
    <>
      {/* Not a secret; the browser may offer the servers typed before. */}
      <TextField
        label="Server URL"
        type="url"
        autocomplete="on"
        required
        value={value}
        describedBy={retired ? warningId : undefined}
      />
      {retired && (
        <p id={warningId} class="warning" role="alert">
          RingCentral retired this sandbox server in 2025: token requests to it fail. Use
          https://platform.ringcentral.com.
        </p>
      )}
    </>
  );
}
