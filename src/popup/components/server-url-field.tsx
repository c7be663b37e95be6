// The app's server URL, with the warning for RingCentral's retired sandbox. One field for
// every form that sets it (add/edit app, .env import), so none of them loses the warning.
import type { Signal } from '@preact/signals';
import { RETIRED_SANDBOX_URL } from '../../core/vault/model';

export function isRetiredServer(url: string): boolean {
  return url.trim().replace(/\/+$/, '') === RETIRED_SANDBOX_URL;
}

export function ServerUrlField({ value }: { value: Signal<string> }) {
  return (
    <>
      <label>
        Server URL
        <input
          type="url"
          required
          value={value.value}
          onInput={(e) => (value.value = e.currentTarget.value)}
        />
      </label>
      {isRetiredServer(value.value) && (
        <p class="warning" role="alert">
          RingCentral retired this sandbox server in 2025: token requests to it fail. Use
          https://platform.ringcentral.com.
        </p>
      )}
    </>
  );
}
