// The unlocked vault: the bar between its views and the view showing. Each view moves the focus
// to its heading when it is opened, so a screen reader and the keyboard start where it starts.
import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { popupClipboard } from '../clipboard';
import { hashFor, VIEWS, type ViewId } from '../navigation';
import { useNavigation } from '../navigation-context';
import { Gear, Grid, Home, type IconProps, Key } from './icons';
import { loadedView, loadView, prefetchViews } from './views/load';

const ICONS: Record<ViewId, ComponentType<IconProps>> = {
  home: Home,
  credentials: Key,
  apps: Grid,
  settings: Gear,
};

export function ViewNav() {
  const navigation = useNavigation();
  const current = navigation.view.value;
  return (
    <nav class="view-nav" aria-label="Views">
      {VIEWS.map(({ id, label }) => {
        const Icon = ICONS[id];
        return (
          <a
            key={id}
            href={hashFor(id)}
            aria-current={id === current ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              navigation.go(id);
            }}
          >
            <Icon />
            {label}
          </a>
        );
      })}
    </nav>
  );
}

export function Unlocked() {
  const navigation = useNavigation();
  const view = navigation.view.value;
  const container = useRef<HTMLDivElement>(null);
  const shown = useRef<string | undefined>(undefined);
  // The view's component once its chunk is in; until then the view before it stays (no flash).
  const [content, setContent] = useState<{ view: ViewId; Content: ComponentType } | undefined>(() => {
    const Content = loadedView(view);
    return Content && { view, Content };
  });

  useEffect(() => {
    let current = true;
    void loadView(view).then((Content) => {
      if (current) setContent({ view, Content });
    });
    return () => {
      current = false;
    };
  }, [view]);

  // Once the first view is in, the others load while the page is idle.
  const first = content !== undefined;
  useEffect(() => {
    if (first) prefetchViews();
  }, [first]);

  // The vault may lock without this page (shortcut, auto-lock, the system locking): the worker
  // pushes it (status-feed.ts) and this view goes at once, with whatever was revealed in it.
  useEffect(
    () => () => {
      // Locked (or the page goes): a copied secret leaves the clipboard too.
      void popupClipboard().clearNow();
    },
    [],
  );

  // A view opened from the bar, or an item opened in it (or left for its list), takes the focus
  // to its heading; the first view shown after an unlock leaves it where the unlock put it.
  const { item } = navigation.route.value;
  const showing = content && (content.view === view && item !== undefined ? `${view}/${item}` : content.view);
  useEffect(() => {
    if (showing === undefined) return;
    if (shown.current !== undefined && shown.current !== showing) {
      const heading = container.current?.querySelector<HTMLElement>('h2');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    }
    shown.current = showing;
  }, [showing]);

  if (!content) return null;
  const { Content } = content;
  return (
    <div class="view" ref={container} data-view={content.view}>
      <Content />
    </div>
  );
}
