// Home: what a person opens the popup for — is my tool authenticated, and until when? The
// connections with their status, and the first-run steps above them until they are done.
import { Connections } from '../connections';
import { FirstSteps } from '../first-steps';

export function HomeView() {
  return (
    <>
      <FirstSteps />
      <Connections />
    </>
  );
}
