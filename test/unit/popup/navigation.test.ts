import { describe, expect, it } from 'vitest';
import { firstSteps } from '../../../src/popup/components/first-steps';
import { createNavigation, hashFor, routeFromHash, VIEWS, viewFromHash } from '../../../src/popup/navigation';

/** A window with a URL fragment and hashchange listeners, as the popup page has. */
function fakeWindow(hash = '') {
  const listeners = new Set<() => void>();
  return {
    location: { hash },
    listeners,
    addEventListener: (_: 'hashchange', listener: () => void) => listeners.add(listener),
    removeEventListener: (_: 'hashchange', listener: () => void) => listeners.delete(listener),
    /** The browser's Back button, or a typed fragment. */
    visit(next: string) {
      this.location.hash = next;
      for (const listener of listeners) listener();
    },
  };
}

describe('view navigation', () => {
  it('reads the view from the URL fragment, and sends anything it does not know home', () => {
    for (const { id } of VIEWS) expect(viewFromHash(hashFor(id))).toBe(id);
    expect(viewFromHash('')).toBe('home');
    expect(viewFromHash('#/nowhere')).toBe('home');
    expect(viewFromHash('#apps')).toBe('home');
  });

  it('opens on the view of the URL, so a reload or "Open in tab" lands where the user was', () => {
    expect(createNavigation(fakeWindow('#/settings')).view.value).toBe('settings');
  });

  it('records each view in the fragment and follows Back', () => {
    const win = fakeWindow();
    const navigation = createNavigation(win);
    navigation.go('apps');
    expect(win.location.hash).toBe('#/apps');
    expect(navigation.view.value).toBe('apps');
    win.visit('#/credentials');
    expect(navigation.view.value).toBe('credentials');
    navigation.dispose();
    expect(win.listeners.size).toBe(0);
  });

  it('reads an item of a view, and drops one that is not an id or page name', () => {
    expect(routeFromHash('#/credentials/c-1_x')).toEqual({ view: 'credentials', item: 'c-1_x' });
    expect(routeFromHash(hashFor('settings', 'backup'))).toEqual({ view: 'settings', item: 'backup' });
    expect(routeFromHash('#/apps/')).toEqual({ view: 'apps' });
    expect(routeFromHash('#/apps/a/b')).toEqual({ view: 'apps' });
    expect(routeFromHash('#/apps/<img>')).toEqual({ view: 'apps' });
    expect(routeFromHash('#/nowhere/a1')).toEqual({ view: 'home' });
  });

  it('goes to an item and up to its view, each a history entry', () => {
    const win = fakeWindow('#/credentials/c1');
    const navigation = createNavigation(win);
    expect(navigation.route.value).toEqual({ view: 'credentials', item: 'c1' });
    expect(navigation.view.value).toBe('credentials');
    navigation.up();
    expect(win.location.hash).toBe('#/credentials');
    expect(navigation.route.value).toEqual({ view: 'credentials' });
    navigation.go('apps', 'new');
    expect(win.location.hash).toBe('#/apps/new');
    // Back from the item: the fragment of the view before.
    win.visit('#/credentials');
    expect(navigation.route.value).toEqual({ view: 'credentials' });
  });
});

describe('first steps', () => {
  it('points to the first step not done, and is done when all three are', () => {
    const none = firstSteps({ apps: 0, credentials: 0, connections: 0 });
    expect(none.map((s) => s.done)).toEqual([false, false, false]);
    expect(none.map((s) => s.view)).toEqual(['apps', 'credentials', undefined]);
    // A .env import makes the app and the credential at once.
    expect(firstSteps({ apps: 1, credentials: 1, connections: 0 }).map((s) => s.done)).toEqual([
      true,
      true,
      false,
    ]);
    expect(firstSteps({ apps: 2, credentials: 5, connections: 1 }).every((s) => s.done)).toBe(true);
  });
});
