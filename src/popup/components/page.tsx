// One item's page inside a view (a credential, "Add app", a Settings section): its heading, the
// way back to the view's list above it, and what the page is for. A page whose item is gone
// says so briefly, with the same way back.
import type { ComponentChildren } from 'preact';
import { hashFor, VIEWS, type ViewId } from '../navigation';
import { useNavigation } from '../navigation-context';
import { ChevronLeft } from './icons';

export function BackLink({ view }: { view: ViewId }) {
  const navigation = useNavigation();
  const label = VIEWS.find((v) => v.id === view)?.label ?? view;
  return (
    <a
      class="back-link"
      href={hashFor(view)}
      onClick={(event) => {
        event.preventDefault();
        navigation.up();
      }}
    >
      <ChevronLeft />
      Back to {label}
    </a>
  );
}

export interface PageProps {
  view: ViewId;
  /** The heading's id, which forms on the page may take their name from. */
  titleId: string;
  title: ComponentChildren;
  children?: ComponentChildren;
}

export function Page({ view, titleId, title, children }: PageProps) {
  return (
    <section class="page" aria-labelledby={titleId}>
      <BackLink view={view} />
      <h2 id={titleId}>{title}</h2>
      {children}
    </section>
  );
}

/** The page of an item that is not (or no longer) there: a deleted record, a mistyped address. */
export function NotFound({
  view,
  what,
  children,
}: {
  view: ViewId;
  what: string;
  children?: ComponentChildren;
}) {
  return (
    <Page view={view} titleId="not-found-title" title={`${what} not found`}>
      <p>{children ?? 'It may have been deleted, or the address is not one this popup knows.'}</p>
    </Page>
  );
}

/** How many connections use a record, for its page's facts. */
export function usedByText(count: number): string {
  if (count === 0) return 'no connection yet';
  return count === 1 ? '1 connection' : `${count} connections`;
}
