// A link to a place in the popup (a view, or an item of it): a real link to its fragment, so it
// reads as one and can open in a tab, that moves this page there without reloading it.
import type { ComponentChildren } from 'preact';
import { hashFor, type ViewId } from '../navigation';
import { useNavigation } from '../navigation-context';

export interface RouteLinkProps {
  view: ViewId;
  item?: string;
  class?: string;
  /** What to fetch before going there (a page's chunk): the page shows at once when it does. */
  before?: () => Promise<void>;
  children: ComponentChildren;
}

export function RouteLink({ view, item, class: className, before, children }: RouteLinkProps) {
  const navigation = useNavigation();
  return (
    <a
      href={hashFor(view, item)}
      class={className}
      onClick={(event) => {
        // A click with a modifier opens a tab, as links do; a plain click stays in this page.
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        if (before) void before().then(() => navigation.go(view, item));
        else navigation.go(view, item);
      }}
    >
      {children}
    </a>
  );
}
