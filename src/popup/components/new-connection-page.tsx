// Adding a connection (#/home/new): its form on a page of its own, whose one primary action is
// the form's submit; saved or cancelled, it goes back to Home, where the new card shows.
import { useNavigation } from '../navigation-context';
import { ConnectionForm } from './connection-form';
import { Page } from './page';

export function NewConnectionPage() {
  const navigation = useNavigation();
  return (
    <Page view="home" titleId="new-connection-title" title="Add a connection">
      <ConnectionForm labelledBy="new-connection-title" onDone={() => navigation.up()} />
    </Page>
  );
}
