// A component whose code is a chunk of its own, fetched the first time it is wanted: a page a
// view opens rarely (the .env import) stays out of that view's first load. A link to it fetches
// the chunk before it navigates (RouteLink's `before`), so the page is there when the address
// changes and the focus moves to its heading as for any page.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface Lazy<P> {
  Component: ComponentType<P>;
  /** Fetches the chunk once; later calls share the first. */
  load(): Promise<void>;
}

export function lazy<P extends object>(fetch: () => Promise<ComponentType<P>>): Lazy<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<void> | undefined;
  const load = () => {
    loading ??= fetch().then((component) => {
      loaded = component;
    });
    return loading;
  };
  function Component(props: P) {
    const [, setReady] = useState(false);
    // Opened at its address (a reload, Back): shown once its chunk is in.
    useEffect(() => {
      if (!loaded) void load().then(() => setReady(true));
    }, []);
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : null;
  }
  return { Component, load };
}
