// A page for one item of a view (#/home/<id>, #/home/new): the way back to the view's list, the
// item's heading (the first h2, which takes the focus when the page opens), and its content.
import type { ComponentChildren } from 'preact';
import { VIEWS } from '../navigation';
import { useNavigation } from '../navigation-context';
import { ChevronLeft } from './icons';

export function DetailPage({
  id,
  title,
  children,
}: {
  /** The heading's id, which names the page's region. */
  id: string;
  title: ComponentChildren;
  children: ComponentChildren;
}) {
  const navigation = useNavigation();
  const parent = VIEWS.find((view) => view.id === navigation.view.value)?.label;
  return (
    <section class="detail-page" aria-labelledby={id}>
      <button type="button" class="secondary small back" onClick={() => navigation.up()}>
        <ChevronLeft /> Back to {parent}
      </button>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** An item that is not (or no longer) there: a link from before it was deleted, say. */
export function NotFound({ what, children }: { what: string; children: ComponentChildren }) {
  return (
    <DetailPage id="not-found-title" title={`${what} not found`}>
      <p>{children}</p>
    </DetailPage>
  );
}
