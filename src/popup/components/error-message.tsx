// Shows the last error as an alert, worded for people; throttling has its own countdown, and a
// needed confirmation its own prompt.
import { usePopupState } from '../context';

export function ErrorMessage() {
  const { error } = usePopupState();
  const current = error.value;
  // The views that asked for a confirmation ask for the password in place.
  if (!current || current.code === 'THROTTLED' || current.code === 'CONFIRMATION_REQUIRED') return null;
  return (
    <p class="error" role="alert" data-code={current.code}>
      {current.message}
    </p>
  );
}
