// The time now, ticking once a second while the component shows: for countdowns.
import { type ReadonlySignal, useSignal, useSignalEffect } from '@preact/signals';

export function useNow(): ReadonlySignal<number> {
  const now = useSignal(Date.now());
  useSignalEffect(() => {
    const timer = setInterval(() => {
      now.value = Date.now();
    }, 1_000);
    return () => clearInterval(timer);
  });
  return now;
}
