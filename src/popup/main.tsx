// Popup entry: builds the state, renders the app, asks the worker for its status.
import { render } from 'preact';
import { api } from './api';
import { App } from './components/app';
import { PopupContext } from './context';
import { createPopupState } from './state';

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
