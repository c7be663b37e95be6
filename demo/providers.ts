// What a person holds for each provider the sandbox stands in for, and what they do with it in
// the popup: the file they start from, the choices and fields its form needs, the API a
// connection covers, and the operation to try in Swagger UI. `npm start` prints these steps for
// a person and plays the same ones in its headless journey, so the two cannot drift.
import type { Sandbox } from '../sandbox';
import { demoCredentials } from '../sandbox/demo-credentials';
import { DOCUSIGN_DEMO_ACCOUNT_ID } from '../sandbox/docusign';

export const DEMO_PROVIDERS = [
  'ringcentral',
  'google',
  'salesforce',
  'okta',
  'auth0',
  'entra',
  'zoom',
  'box',
  'docusign',
] as const;
export type DemoProvider = (typeof DEMO_PROVIDERS)[number];

export function isDemoProvider(name: string): name is DemoProvider {
  return (DEMO_PROVIDERS as readonly string[]).includes(name);
}

/**
 * One thing done in the credential's form: a choice made, or a field filled. A value of several
 * lines (a certificate) is also saved as its own file, which the printed steps point to.
 */
export type FormStep = { check: string } | { fill: string; value: string; file?: string };

export interface DemoCredential {
  provider: DemoProvider;
  /** The provider as the Swagger UI definition and the printed steps name it. */
  name: string;
  /** The credential's label in the vault, as the connection form lists it. */
  label: string;
  /** The file the person starts from: saved in the demo's folder, picked in the popup. */
  file: { name: string; text: string };
  /**
   * Where the file goes: RingCentral's quick start `.env` through "Import from .env" (app and
   * JWT at once), every other file through "Add credential", which recognises it.
   */
  via: 'import' | 'add';
  /** After the file, in the form's order. */
  steps: FormStep[];
  /** The connection's API base URL. */
  apiUrl: string;
  /** The path Swagger UI's operation calls, under the sandbox's URL. */
  operation: string;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Every provider's demo credential, made from the running sandbox's demo material. */
export async function demoCredentialsFor(sandbox: Sandbox): Promise<Record<DemoProvider, DemoCredential>> {
  const { url, admin } = sandbox;
  const [google, salesforce, assertion, zoom, box, docusign] = await Promise.all([
    admin.googleKeyFile(),
    admin.salesforceDemo(),
    admin.clientAssertionDemo(),
    admin.zoomDemo(),
    admin.boxDemo(),
    admin.docusignDemo(),
  ]);
  const clientAssertion = 'Client credentials, signed assertion (private_key_jwt)';
  return {
    ringcentral: {
      provider: 'ringcentral',
      name: 'RingCentral',
      label: 'Alice (sandbox)',
      file: { name: 'ringcentral.env', text: `${demoCredentials(sandbox).env}\n` },
      via: 'import',
      steps: [
        { fill: 'App name', value: 'Sandbox demo' },
        { fill: 'Credential label', value: 'Alice (sandbox)' },
      ],
      apiUrl: `${url}/restapi/`,
      operation: '/restapi/v1.0/account/{accountId}/extension/{extensionId}',
    },
    google: {
      provider: 'google',
      name: 'Google',
      label: 'Google (sandbox)',
      file: { name: 'google-service-account.json', text: json(google) },
      via: 'add',
      steps: [{ fill: 'Label', value: 'Google (sandbox)' }],
      apiUrl: `${url}/google/api/`,
      operation: '/google/api/whoami',
    },
    salesforce: {
      provider: 'salesforce',
      name: 'Salesforce',
      label: 'Salesforce (sandbox)',
      file: { name: 'salesforce-server.key', text: salesforce.privateKey },
      via: 'add',
      steps: [
        { check: 'Salesforce JWT bearer' },
        { fill: 'Label', value: 'Salesforce (sandbox)' },
        { fill: 'Consumer key', value: salesforce.consumerKey },
        { fill: 'Username', value: salesforce.username },
        { check: 'My Domain' },
        { fill: 'My Domain URL', value: salesforce.loginUrl },
      ],
      apiUrl: `${salesforce.loginUrl}/services/`,
      operation: '/salesforce/services/data/v61.0/',
    },
    okta: {
      provider: 'okta',
      name: 'Okta',
      label: 'Okta (sandbox)',
      file: { name: 'okta-private-key.pem', text: assertion.okta.privateKey },
      via: 'add',
      steps: [
        { check: clientAssertion },
        { check: 'Okta' },
        { fill: 'Label', value: 'Okta (sandbox)' },
        { fill: 'Client ID', value: assertion.okta.clientId },
        { fill: 'Token URL', value: assertion.okta.tokenUrl },
        { fill: 'Scopes (one per line)', value: assertion.okta.scope ?? '' },
        { fill: 'Key ID (kid, optional)', value: assertion.okta.keyId },
      ],
      apiUrl: `${url}/okta/api/`,
      operation: '/okta/api/whoami',
    },
    auth0: {
      provider: 'auth0',
      name: 'Auth0',
      label: 'Auth0 (sandbox)',
      file: { name: 'auth0-private-key.pem', text: assertion.auth0.privateKey },
      via: 'add',
      steps: [
        { check: clientAssertion },
        { check: 'Auth0' },
        { fill: 'Label', value: 'Auth0 (sandbox)' },
        { fill: 'Client ID', value: assertion.auth0.clientId },
        { fill: 'Token URL', value: assertion.auth0.tokenUrl },
        { fill: 'API audience', value: assertion.auth0.audience ?? '' },
        { fill: 'Key ID (kid, optional)', value: assertion.auth0.keyId },
      ],
      apiUrl: `${url}/auth0/api/`,
      operation: '/auth0/api/whoami',
    },
    entra: {
      provider: 'entra',
      name: 'Microsoft Entra',
      label: 'Entra (sandbox)',
      file: { name: 'entra-private-key.pem', text: assertion.entra.privateKey },
      via: 'add',
      steps: [
        { check: clientAssertion },
        { check: 'Microsoft Entra' },
        { fill: 'Label', value: 'Entra (sandbox)' },
        { fill: 'Client ID', value: assertion.entra.clientId },
        { fill: 'Token URL', value: assertion.entra.tokenUrl },
        { fill: 'Scopes (one per line)', value: assertion.entra.scope ?? '' },
        { fill: 'Certificate', value: assertion.entra.certificate ?? '', file: 'entra-certificate.pem' },
      ],
      apiUrl: `${url}/entra/api/`,
      operation: '/entra/api/whoami',
    },
    zoom: {
      provider: 'zoom',
      name: 'Zoom',
      label: 'Zoom (sandbox)',
      // The .env a Zoom server-to-server quick start keeps its app in.
      file: {
        name: 'zoom.env',
        text: [
          `ZOOM_ACCOUNT_ID=${zoom.accountId}`,
          `ZOOM_CLIENT_ID=${zoom.clientId}`,
          `ZOOM_CLIENT_SECRET=${zoom.clientSecret}`,
          '',
        ].join('\n'),
      },
      via: 'add',
      steps: [
        { fill: 'Label', value: 'Zoom (sandbox)' },
        { fill: 'Token URL', value: zoom.tokenUrl },
      ],
      apiUrl: `${url}/zoom/v2/`,
      operation: '/zoom/v2/users/me',
    },
    box: {
      provider: 'box',
      name: 'Box',
      label: 'Box (sandbox)',
      file: { name: 'box-config.json', text: json(box) },
      via: 'add',
      steps: [
        { fill: 'Label', value: 'Box (sandbox)' },
        { fill: 'Token URL', value: `${url}/box/oauth2/token` },
      ],
      apiUrl: `${url}/box/2.0/`,
      operation: '/box/2.0/users/me',
    },
    docusign: {
      provider: 'docusign',
      name: 'DocuSign',
      label: 'DocuSign (sandbox)',
      file: { name: 'docusign-private.key', text: docusign.privateKey },
      via: 'add',
      steps: [
        { check: 'DocuSign JWT grant' },
        { fill: 'Label', value: 'DocuSign (sandbox)' },
        { fill: 'Integration key', value: docusign.integrationKey },
        { fill: 'User ID', value: docusign.userId },
        { check: 'Another account server' },
        { fill: 'Account server URL', value: docusign.accountServer },
        {
          fill: 'Redirect URI',
          value: new URL(docusign.consentUrl).searchParams.get('redirect_uri') ?? '',
        },
      ],
      apiUrl: `${docusign.apiBaseUri}/restapi/`,
      operation: `/docusign-api/restapi/v2.1/accounts/${DOCUSIGN_DEMO_ACCOUNT_ID}`,
    },
  };
}
