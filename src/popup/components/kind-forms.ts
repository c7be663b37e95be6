// The forms of the credential kinds that sign or hold a key, each a chunk of its own with the
// readers (and jose) it needs: the Credentials view's first load stays within its budget, and
// the entry carries none of their loaders. Registered for the idle prefetch when this module (in
// the Credentials view's chunk) loads. Imported by the credential form.
import { lazy } from './lazy';
import { addRarePages } from './views/load';

export const GOOGLE_ACCOUNT_FORM = lazy(() =>
  import('./google-account-form').then((m) => m.GoogleAccountForm),
);
export const SALESFORCE_FORM = lazy(() => import('./salesforce-form').then((m) => m.SalesforceForm));
export const CLIENT_ASSERTION_FORM = lazy(() =>
  import('./client-assertion-form').then((m) => m.ClientAssertionForm),
);
export const CLIENT_SECRET_FORM = lazy(() => import('./client-secret-form').then((m) => m.ClientSecretForm));
export const BOX_FORM = lazy(() => import('./box-form').then((m) => m.BoxForm));
export const DOCUSIGN_FORM = lazy(() => import('./docusign-form').then((m) => m.DocusignForm));

addRarePages(
  ...([
    GOOGLE_ACCOUNT_FORM,
    SALESFORCE_FORM,
    CLIENT_ASSERTION_FORM,
    CLIENT_SECRET_FORM,
    BOX_FORM,
    DOCUSIGN_FORM,
  ] as never[]),
);
