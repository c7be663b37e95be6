// The unlocked vault: the bar between its views and the view showing. Each view moves the focus
// to its heading when it is opened, so a screen reader and the keyboard start where it starts.
import type { ComponentType } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { VaultError } from '../../core/errors';
import { popupClipboard } from '../clipboard';
import { usePopupState } from '../context';
import { hashFor, VIEWS, type ViewId } from '../navigation';
import { useNavigation } from '../navigation-context';
import type { Part } from '../state';
import { asVaultError } from '../state/outcome';
import { Gear, Grid, Home, type IconProps, Key, Pulse } from './icons';
import { loadedView, loadView, prefetchViews, VIEW_PARTS } from './views/load';

const ICONS: Record<ViewId, ComponentType<IconProps>> = {
  home: Home,
  activity: Pulse,
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

/** A view's code and the parts of the vault it shows; a failed reading shows the view with the error. */
async function viewContent(view: ViewId, need: (parts: readonly Part[]) => Promise<void>): Promise<Content> {
  const [Content, error] = await Promise.all([
    loadView(view),
    need(VIEW_PARTS[view]).then(
      () => undefined,
      (caught: unknown) => asVaultError(caught),
    ),
  ]);
  return { view, Content, ...(error ? { error } : {}) };
}

interface Content {
  view: ViewId;
  Content: ComponentType;
  error?: VaultError;
}

export function Unlocked() {
  const navigation = useNavigation();
  const { need, unlocked } = usePopupState();
  const view = navigation.view.value;
  const container = useRef<HTMLDivElement>(null);
  const shown = useRef<string | undefined>(undefined);
  // The view once its chunk and its data are in; until then the view before it stays (no flash,
  // and no first-run steps shown for a vault whose connections are still being read).
  const [content, setContent] = useState<Content | undefined>(() => {
    const Content = loadedView(view);
    const data = unlocked.peek();
    const read = data !== undefined && VIEW_PARTS[view].every((part) => data[part] !== undefined);
    return Content && read ? { view, Content } : undefined;
  });

  // Started as the view is committed, not after the next frame as an effect would be: the view's
  // chunk is on the way to the first paint of an unlocked popup.
  useLayoutEffect(() => {
    let current = true;
    void viewContent(view, need).then((next) => {
      if (current) setContent(next);
    });
    return () => {
      current = false;
    };
  }, [view, need]);

  // Once the first view is in, the others load while the page is idle, and the rest of the data.
  const first = content !== undefined;
  useEffect(() => {
    if (first) prefetchViews(need);
  }, [first, need]);

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
  const { Content, error } = content;
  return (
    <div class="view" ref={container} data-view={content.view}>
      {error && (
        <p class="error-text" role="alert">
          {error.message}
        </p>
      )}
      <Content />
    </div>
  );
}
