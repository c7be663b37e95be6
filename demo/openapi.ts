// The OpenAPI descriptions of the sandbox's REST APIs, one per provider it stands in for, as the
// demo's Swagger UI lists them. No security scheme on purpose: the tool sends no token; the
// extension adds the header.
import { DOCUSIGN_DEMO_ACCOUNT_ID } from '../sandbox/docusign';
import type { DemoProvider } from './providers';

interface Operation {
  summary: string;
  description: string;
  parameters?: { name: string; description: string; default: string }[];
}

interface DemoApi {
  /** The definition's name in Swagger UI's selector. */
  name: string;
  title: string;
  paths: Record<string, Operation>;
}

const own = (name: string, description: string) => ({ name, description, default: '~' });

const DEMO_APIS: Record<DemoProvider, DemoApi> = {
  ringcentral: {
    name: 'RingCentral',
    title: 'RingCentral-compatible sandbox',
    paths: {
      '/restapi/v1.0/account/{accountId}/extension/{extensionId}': {
        summary: 'The signed-in user (extension)',
        description: 'The user the token belongs to.',
        parameters: [own('accountId', '"~" for your own account'), own('extensionId', '"~" for yourself')],
      },
      '/restapi/v1.0/account/{accountId}': {
        summary: 'The account',
        description: 'The account of the token’s user.',
        parameters: [own('accountId', '"~" for your own account')],
      },
    },
  },
  google: {
    name: 'Google',
    title: 'Google API (sandbox)',
    paths: {
      '/google/api/whoami': {
        summary: 'The service account the token is for',
        description: 'Its email and the scopes the token carries.',
      },
    },
  },
  salesforce: {
    name: 'Salesforce',
    title: 'Salesforce REST API (sandbox)',
    paths: {
      '/salesforce/services/data/v61.0/': {
        summary: 'The session’s user and org',
        description: 'The username and org ID of the session.',
      },
    },
  },
  okta: {
    name: 'Okta',
    title: 'API behind Okta (sandbox)',
    paths: {
      '/okta/api/whoami': { summary: 'The client the token is for', description: 'Its client ID and scope.' },
    },
  },
  auth0: {
    name: 'Auth0',
    title: 'API behind Auth0 (sandbox)',
    paths: {
      '/auth0/api/whoami': {
        summary: 'The client the token is for',
        description: 'Its client ID and scope.',
      },
    },
  },
  entra: {
    name: 'Microsoft Entra',
    title: 'API behind Microsoft Entra (sandbox)',
    paths: {
      '/entra/api/whoami': {
        summary: 'The client the token is for',
        description: 'Its client ID and scope.',
      },
    },
  },
  zoom: {
    name: 'Zoom',
    title: 'Zoom API (sandbox)',
    paths: {
      '/zoom/v2/users/me': { summary: 'The account’s user', description: 'The user the app acts for.' },
    },
  },
  box: {
    name: 'Box',
    title: 'Box API (sandbox)',
    paths: {
      '/box/2.0/users/me': { summary: 'The token’s user', description: 'The service account or app user.' },
    },
  },
  docusign: {
    name: 'DocuSign',
    title: 'DocuSign eSignature API (sandbox)',
    paths: {
      [`/docusign-api/restapi/v2.1/accounts/${DOCUSIGN_DEMO_ACCOUNT_ID}`]: {
        summary: 'The account',
        description: 'The account and the user the token acts for.',
      },
    },
  },
};

export const demoApiName = (provider: DemoProvider) => DEMO_APIS[provider].name;

export function sandboxOpenApi(provider: DemoProvider, serverUrl: string) {
  const api = DEMO_APIS[provider];
  const errors = {
    '401': {
      description: 'No valid access token: the extension is locked, or no connection covers this API.',
    },
    '404': { description: 'Not yours.' },
  };
  const paths = Object.fromEntries(
    Object.entries(api.paths).map(([path, operation]) => [
      path,
      {
        get: {
          summary: operation.summary,
          parameters: (operation.parameters ?? []).map((p) => ({
            name: p.name,
            in: 'path',
            required: true,
            description: p.description,
            schema: { type: 'string', default: p.default },
          })),
          responses: { '200': { description: operation.description }, ...errors },
        },
      },
    ]),
  );
  return {
    openapi: '3.0.3',
    info: {
      title: api.title,
      version: '1.0',
      description:
        `The local sandbox that stands in for ${api.name}. Press "Try it out", then "Execute": JWT Vault ` +
        'adds the Authorization header, so no token is typed here.',
    },
    servers: [{ url: serverUrl }],
    paths,
  };
}
