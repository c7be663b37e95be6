// Popup entry: builds the state, renders the app, asks the worker for its status and follows it.
import { render } from 'preact';
import { connectPort } from '../platform/ports';
import { STATUS_PORT } from '../shared/messages';
import { api } from './api';
import { App } from './components/app';
import { PopupContext } from './context';
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
// The worker pushes what changes (a token granted, a lock made elsewhere): nothing polls.
followStatus(() => connectPort(STATUS_PORT), state.applyStatusPush);
