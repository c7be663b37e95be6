// The OpenAPI description of the sandbox's REST API, as the demo's Swagger UI loads it. No
// security scheme on purpose: the tool sends no token; the extension adds the header.

export function sandboxOpenApi(serverUrl: string) {
  const ref = (name: string, description: string) => ({
    name,
    in: 'path',
    required: true,
    description,
    schema: { type: 'string', default: '~' },
  });
  const errors = {
    '401': {
      description: 'No valid access token: the extension is locked, or no connection covers this API.',
    },
    '404': { description: 'Not your account or extension.' },
  };
  return {
    openapi: '3.0.3',
    info: {
      title: 'RingCentral-compatible sandbox',
      version: '1.0',
      description:
        'The local sandbox that stands in for RingCentral. Press "Try it out", then "Execute": JWT Vault ' +
        'adds the Authorization header, so no token is typed here.',
    },
    servers: [{ url: serverUrl }],
    paths: {
      '/restapi/v1.0/account/{accountId}/extension/{extensionId}': {
        get: {
          operationId: 'readExtension',
          summary: 'The signed-in user (extension)',
          parameters: [ref('accountId', '"~" for your own account'), ref('extensionId', '"~" for yourself')],
          responses: { '200': { description: 'The user the token belongs to.' }, ...errors },
        },
      },
      '/restapi/v1.0/account/{accountId}': {
        get: {
          operationId: 'readAccount',
          summary: 'The account',
          parameters: [ref('accountId', '"~" for your own account')],
          responses: { '200': { description: 'The account of the token’s user.' }, ...errors },
        },
      },
    },
  };
}
