// Popup entry: builds the state, renders the app, asks the worker for its status and follows it.
import { render } from 'preact';
import { connectPort } from '../platform/ports';
import { STATUS_PORT } from '../shared/messages';
import { api } from './api';
import { App } from './components/app';
import { VIEW_PARTS } from './components/views/load';
import { PopupContext } from './context';
import { viewFromHash } from './navigation';
import { createPopupState } from './state';
import { followStatus } from './status-feed';

const state = createPopupState(api);
const root = document.getElementById('app');
if (root) {
  render(
    <PopupContext.Provider value={state}>
      <App />
    </PopupContext.Provider>,
    root,
  );
}
void state.refresh();
// The first view's data is asked for with the vault's state, not after it: an unlocked popup
// then shows its view one round trip sooner. A locked vault answers LOCKED, and nothing is kept.
void state.need(VIEW_PARTS[viewFromHash(location.hash)]).catch(() => {});
// The worker pushes what changes (a token granted, a lock made elsewhere): nothing polls.
followStatus(() => connectPort(STATUS_PORT), state.applyStatusPush, state.applyActivityPush);
