// Home: what a person opens the popup for — is my tool authenticated, and until when? The
// connections with their status, and the first-run steps above them until they are done; a
// connection's own page (#/home/<id>) and the page that adds one (#/home/new), each loaded apart.
import { NEW_CONNECTION } from '../../navigation';
import { useNavigation } from '../../navigation-context';
import { CONNECTION_PAGE, NEW_CONNECTION_PAGE } from '../connection-pages';
import { Connections } from '../connections';
import { FirstSteps } from '../first-steps';

export function HomeView() {
  const { item } = useNavigation().route.value;
  if (item === NEW_CONNECTION) return <NEW_CONNECTION_PAGE.Component />;
  if (item !== undefined) return <CONNECTION_PAGE.Component id={item} />;
  return (
    <>
      <FirstSteps />
      <Connections />
    </>
  );
}
