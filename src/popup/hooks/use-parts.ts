// A component that shows a part of the vault its view does not read first (the home view reads
// the connections only; the connection form lists credentials and apps) asks for it here.
import { useEffect } from 'preact/hooks';
import { usePopupState } from '../context';
import type { Part } from '../state';

/** Whether every part is read; reads those that are not (joining a reading under way). */
export function useParts(parts: readonly Part[]): boolean {
  const { need, unlocked } = usePopupState();
  const data = unlocked.value;
  const ready = data !== undefined && parts.every((part) => data[part] !== undefined);
  useEffect(() => {
    if (!ready) void need(parts).catch(() => {});
  }, [ready, need, parts]);
  return ready;
}
