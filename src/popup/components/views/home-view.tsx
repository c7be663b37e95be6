// Home: what a person opens the popup for — is my tool authenticated, and until when? The
// connections with their status, and the first-run steps above them until they are done; a
// connection's own page (#/home/<id>) and the page that adds one (#/home/new).
import { useNavigation } from '../../navigation-context';
import { ConnectionPage } from '../connection-page';
import { Connections } from '../connections';
import { FirstSteps } from '../first-steps';
import { NEW_CONNECTION, NewConnectionPage } from '../new-connection-page';

export function HomeView() {
  const { item } = useNavigation().route.value;
  if (item === NEW_CONNECTION) return <NewConnectionPage />;
  if (item !== undefined) return <ConnectionPage id={item} />;
  return (
    <>
      <FirstSteps />
      <Connections />
    </>
  );
}
