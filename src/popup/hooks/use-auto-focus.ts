// Focuses an element when it mounts: the `autofocus` attribute only acts at page load, and
// the popup swaps views without reloading.
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export function useAutoFocus<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
