// Hands the view navigation down the component tree; a page without a provider (the popup
// itself) follows its own window's URL fragment.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { createNavigation, type Navigation } from './navigation';

export const NavigationContext = createContext<Navigation | undefined>(undefined);

let windowNavigation: Navigation | undefined;

export function useNavigation(): Navigation {
  const provided = useContext(NavigationContext);
  if (provided) return provided;
  windowNavigation ??= createNavigation(window);
  return windowNavigation;
}
