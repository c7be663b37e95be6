// Shows the last error as an alert, worded for people; throttling has its own countdown.
import { usePopupState } from '../context';

export function ErrorMessage() {
  const { error } = usePopupState();
  const current = error.value;
  if (!current || current.code === 'THROTTLED') return null;
  return (
    <p class="error" role="alert" data-code={current.code}>
      {current.message}
    </p>
  );
}
