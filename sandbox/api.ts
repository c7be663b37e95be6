// The two REST API reads a client tries its token on, behind RingCentral's bearer check.

import type { SandboxContext } from './context';
import { errorReply } from './errors';
import { authorization, type Reply, type SandboxRequest } from './http';
import { findByAccessToken, type Session } from './state';

const apiPath = /^\/restapi\/v1\.0\/account\/([^/]+)(?:\/extension\/([^/]+))?$/;

export function isApiPath(path: string): boolean {
  return apiPath.test(path);
}

/** GET /restapi/v1.0/account/~ and /account/~/extension/~ (own ids work in place of ~). */
export function apiEndpoint(ctx: SandboxContext, req: SandboxRequest): Reply {
  const session = authenticate(ctx, req);
  if (!('accessToken' in session)) return session;
  const user = ctx.store.users.get(session.userId);
  const account = user && ctx.store.accounts.get(user.accountId);
  const [, accountRef, extensionRef] = apiPath.exec(req.path) ?? [];
  const own = (ref: string | undefined, id: number) => ref === '~' || ref === String(id);
  if (!user || !account || !own(accountRef, account.id)) return errorReply('notFound', ctx.codes);
  if (extensionRef !== undefined && !own(extensionRef, user.id)) return errorReply('notFound', ctx.codes);

  const accountUri = `${ctx.baseUrl}/restapi/v1.0/account/${account.id}`;
  if (extensionRef === undefined) {
    return {
      status: 200,
      body: { uri: accountUri, id: account.id, mainNumber: account.mainNumber, status: 'Confirmed' },
    };
  }
  const [firstName = '', ...rest] = user.name.split(' ');
  return {
    status: 200,
    body: {
      uri: `${accountUri}/extension/${user.id}`,
      id: user.id,
      extensionNumber: user.extensionNumber,
      name: user.name,
      type: 'User',
      status: 'Enabled',
      contact: { firstName, lastName: rest.join(' '), email: user.email },
      // account.id is a string here while the extension id is a number, as RingCentral answers.
      account: { uri: accountUri, id: String(account.id) },
    },
  };
}

function authenticate(ctx: SandboxContext, req: SandboxRequest): Session | Reply {
  const { scheme, credentials } = authorization(req);
  if (scheme === 'none') return errorReply('noAuthorizationHeader', ctx.codes);
  const session = scheme === 'Bearer' && credentials ? findByAccessToken(ctx.store, credentials) : undefined;
  if (!session) return errorReply('accessTokenInvalid', ctx.codes);
  const now = ctx.now();
  if (session.accessExpiresAt <= now) return errorReply('accessTokenExpired', ctx.codes);
  // First use starts the grace window of the refresh token this one was rotated from.
  session.accessFirstUsedAt ??= now;
  return session;
}
