// Hands the popup state down the component tree.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PopupState } from './state';

export const PopupContext = createContext<PopupState | undefined>(undefined);

export function usePopupState(): PopupState {
  const state = useContext(PopupContext);
  if (!state) throw new Error('usePopupState needs a PopupContext provider');
  return state;
}
