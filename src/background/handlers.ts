// The handler for every request type. Checked with `satisfies`: a request type without a
// handler fails to compile. Secrets stay here: apps go out without their client secret and
// credentials without their JWT.

import { OLDER_ACTIVITY_PAGE } from '../core/activity/keeping';
import { contentsAfter, createBackup, previewRestore, restoreBackup } from '../core/backup';
import { sameGrant } from '../core/credentials/kinds';
import { fromBase64, toBase64 } from '../core/crypto/bytes';
import { PRF_BYTES } from '../core/crypto/passkey-wrap';
import { addedDestinations, type DestinationRecords, newPlacesText } from '../core/destinations';
import { ConfirmationRequiredError, InvalidInputError, VaultError } from '../core/errors';
import { exportCredential, exportRecipients } from '../core/export';
import { newId } from '../core/ids';
import type { VaultRecords } from '../core/vault';
import type { App, Connection, Credential, RecordKind, Settings } from '../core/vault/model';
import { DEFAULT_REVOKE_PATH, DEFAULT_TOKEN_PATH } from '../core/vault/model';
import { credentialAllowsApp } from '../core/vault/relations';
import { validateApp, validateConnection } from '../core/vault/validate';
import { connectionOverview } from '../shared/connection-overview';
import type { AppInput, AppView, Proof } from '../shared/messages';
import type { AutoAuth } from './auto-auth';
import { createCredentialViews, credentialView } from './credential-views';
import { mergeCredential } from './merge-credential';
import type { Handlers } from './router';
import type { VaultSession } from './vault-session';

export function appView({ clientSecret, ...rest }: App): AppView {
  return { ...rest, hasSecret: typeof clientSecret === 'string' && clientSecret.length > 0 };
}

function mergeApp(input: AppInput, existing: App | undefined): App {
  const { clientSecret, ...fields } = input;
  const app: App = {
    ...fields,
    id: existing?.id ?? newId(),
    tokenPath: input.tokenPath ?? existing?.tokenPath ?? DEFAULT_TOKEN_PATH,
    revokePath: input.revokePath ?? existing?.revokePath ?? DEFAULT_REVOKE_PATH,
  };
  const secret = clientSecret === undefined ? existing?.clientSecret : clientSecret;
  if (typeof secret === 'string' && secret.length > 0) app.clientSecret = secret;
  return app;
}

/** The record an edit replaces (NOT_FOUND if it is gone), or undefined for a new one. */
async function existing<K extends RecordKind>(
  records: VaultRecords,
  kind: K,
  id: string | undefined,
  what: string,
) {
  if (id === undefined) return undefined;
  const found = await records.get(kind, id);
  if (!found) throw new VaultError('NOT_FOUND', `That ${what} no longer exists.`);
  return found;
}

/** Ids of the connections that use this app or credential. */
async function connectionsUsing(session: VaultSession, field: 'appId' | 'credentialId', id: string) {
  const connections = await (await session.records()).list('connections');
  return connections.filter((c) => c[field] === id).map((c) => c.id);
}

/**
 * The connections a credential edit must restart: all of them when the JWT, key or claims change; otherwise
 * only those whose app it stops (or starts again) allowing — a new label or note leaves the
 * live tokens alone, since every new exchange opens another server session.
 */
async function restartedByCredentialEdit(records: VaultRecords, before: Credential, after: Credential) {
  const using = (await records.list('connections')).filter((c) => c.credentialId === before.id);
  if (!sameGrant(before, after)) return using.map((c) => c.id);
  const apps = new Map((await records.list('apps')).map((app) => [app.id, app]));
  return using
    .filter((c) => {
      const app = c.appId === undefined ? undefined : apps.get(c.appId);
      return app !== undefined && credentialAllowsApp(before, app) !== credentialAllowsApp(after, app);
    })
    .map((c) => c.id);
}

/**
 * What the destinations are read from: every app and connection, and the credentials that
 * connections (or `alsoCredentialIds`) name — a credential no connection uses has none.
 */
async function destinationRecords(
  records: VaultRecords,
  alsoCredentialIds: string[] = [],
): Promise<DestinationRecords> {
  const [apps, connections] = await Promise.all([records.list('apps'), records.list('connections')]);
  const ids = new Set([...connections.map((c) => c.credentialId), ...alsoCredentialIds]);
  const credentials = await Promise.all([...ids].map((id) => records.get('credentials', id)));
  return { apps, connections, credentials: credentials.filter((c) => c !== undefined) };
}

function withRecord<T extends { id: string }>(list: T[], record: T): T[] {
  return [...list.filter((other) => other.id !== record.id), record];
}

/** 32 bytes sent as base64 (a PRF salt or output); INVALID_INPUT otherwise. */
function prfBytes(text: string, what: string): Uint8Array {
  const bytes = fromBase64(text);
  if (!bytes || bytes.length !== PRF_BYTES) throw new InvalidInputError(`${what} is not 32 bytes of base64.`);
  return bytes;
}

export function createHandlers(session: VaultSession, autoAuth: AutoAuth): Handlers {
  /**
   * The proof given now, checked under the unlock throttle: the master password, or an enrolled
   * passkey's answer. Undefined when the request carries neither.
   */
  const provedNow = async ({ password, passkey }: Proof): Promise<boolean> => {
    if (passkey) {
      const output = prfBytes(passkey.prfOutput, 'The passkey’s answer');
      await session.confirmPasskey(passkey.credentialId, output);
      return true;
    }
    if (password === undefined) return false;
    await session.confirmPassword(password);
    return true;
  };
  /** What the prompt asks for: a vault with a passkey takes either. */
  const askFor = async (why: string): Promise<string> => {
    const passkeys = (await session.passkeys()).length > 0;
    return `${why} ${passkeys ? 'Confirm with a passkey or the master password.' : 'Enter the master password to confirm.'}`;
  };
  /**
   * The gate before a sensitive action: a proof given now, or a confirmation within the grace
   * period. Runs before anything is written, so nothing is ever sent to a destination nobody
   * confirmed.
   */
  const confirmed = async (proof: Proof, why?: string): Promise<void> => {
    if (await provedNow(proof)) return;
    if (!(await session.confirmedRecently())) {
      throw new ConfirmationRequiredError(why && (await askFor(why)));
    }
  };
  /**
   * The stricter gate of what leaves the vault as a file (a backup, an export): a proof given
   * now, every time. The grace period does not cover it, though this proof starts one for the
   * actions it does cover.
   */
  const provedAgain = async (proof: Proof, why: string): Promise<void> => {
    if (!(await provedNow(proof))) {
      throw new ConfirmationRequiredError(await askFor(why));
    }
  };
  /** The gate, when going from `before` to `after` would send a stored secret somewhere new. */
  const confirmedIfNew = async (
    before: DestinationRecords,
    after: DestinationRecords,
    proof: Proof,
  ): Promise<void> => {
    const added = addedDestinations(before, after);
    if (added.length > 0) await confirmed(proof, newPlacesText(added));
  };

  /** Runs a change, then restarts the connections it touched (tokens purged and revoked). */
  const thenRestart = async <T>(ids: string[], change: () => Promise<T>): Promise<T> => {
    const result = await change();
    await autoAuth.changed(ids);
    return result;
  };

  /**
   * Runs a change to connections themselves (added, edited, deleted): each takes its token from the
   * session of its credential and app, which the others through them keep.
   */
  const thenReconnect = async <T>(ids: string[], change: () => Promise<T>): Promise<T> => {
    const result = await change();
    await autoAuth.connectionsChanged(ids);
    return result;
  };
  /** Saves the settings; the activity log follows them at once (switched off, it forgets). */
  const saveSettings = async (settings: Settings): Promise<Settings> => {
    const saved = await session.saveSettings(settings);
    await autoAuth.activity.settingsChanged();
    return saved;
  };
  const credentialViews = createCredentialViews();
  session.subscribe({ afterUnlock: async () => {}, beforeLock: async () => credentialViews.clear() });

  return {
    'vault.status': () => session.status(),
    'vault.create': async ({ password, kdf }) => {
      await session.create(password, kdf);
      return session.status();
    },
    'vault.unlock': async ({ password }) => {
      const { kdfMs } = await session.unlock(password);
      return { ...(await session.status()), kdfMs };
    },
    'vault.unlockWithPasskey': async ({ credentialId, prfOutput }) => {
      await session.unlockWithPasskey(credentialId, prfBytes(prfOutput, 'The passkey’s answer'));
      return session.status();
    },
    'vault.lock': async () => {
      await session.lock();
      return session.status();
    },
    'vault.checkPassword': async ({ password }) => {
      await session.confirmPassword(password);
      return {};
    },
    'vault.changePassword': async ({ oldPassword, newPassword, kdf }) => {
      await session.changePassword(oldPassword, newPassword, kdf);
      return {};
    },

    'apps.list': async () => (await (await session.records()).list('apps')).map(appView),
    'apps.save': async ({ app, ...proof }) => {
      const records = await session.records();
      const before = await existing(records, 'apps', app.id, 'app');
      // Validated first, so the destinations compared are the URLs the vault would store.
      const next = validateApp(mergeApp(app, before));
      const current = await destinationRecords(records);
      await confirmedIfNew(current, { ...current, apps: withRecord(current.apps, next) }, proof);
      const touched = before ? await connectionsUsing(session, 'appId', before.id) : [];
      return appView(await thenRestart(touched, () => records.put('apps', next)));
    },
    'apps.delete': async ({ id }) => {
      await (await session.records()).delete('apps', id);
      return {};
    },
    'apps.secret': async ({ id, ...proof }) => {
      const app = await existing(await session.records(), 'apps', id, 'app');
      if (!app?.clientSecret) throw new VaultError('NOT_FOUND', 'That app has no client secret.');
      // Showing a secret is as sensitive as sending it somewhere new.
      await confirmed(proof, `The client secret of ${app.name} is about to be shown or copied.`);
      return { clientSecret: app.clientSecret };
    },

    'credentials.list': async () => credentialViews.list(await session.records()),
    // No destination gate: a credential's destinations come from its connections, and a new
    // JWT is the typist's own, not a stored one sent on (see src/core/destinations).
    'credentials.save': async ({ credential }) => {
      const records = await session.records();
      const before = await existing(records, 'credentials', credential.id, 'credential');
      const next = await mergeCredential(credential, before);
      // A connection whose app is no longer allowed is purged here and stays stopped (auto-auth).
      const touched = before ? await restartedByCredentialEdit(records, before, next) : [];
      return credentialView(await thenRestart(touched, () => records.put('credentials', next)));
    },
    'credentials.delete': async ({ id }) => {
      await (await session.records()).delete('credentials', id);
      return {};
    },

    'connections.list': async () => (await session.records()).list('connections'),
    'connections.save': async ({ connection, ...proof }) => {
      const records = await session.records();
      const before = await existing(records, 'connections', connection.id, 'connection');
      const next: Connection = validateConnection({ ...connection, id: before?.id ?? newId() });
      const current = await destinationRecords(records, [next.credentialId]);
      const after = { ...current, connections: withRecord(current.connections, next) };
      await confirmedIfNew(current, after, proof);
      return thenReconnect([next.id], () => records.put('connections', next));
    },
    'connections.delete': async ({ id }) => {
      const records = await session.records();
      await thenReconnect([id], () => records.delete('connections', id));
      return {};
    },
    'connections.status': async () => {
      await session.records();
      return autoAuth.statuses();
    },
    'connections.overview': async () => {
      const records = await session.records();
      const [connections, credentials, apps, statuses] = await Promise.all([
        records.list('connections'),
        credentialViews.labels(records),
        records.list('apps'),
        autoAuth.statuses(),
      ]);
      return {
        connections: connectionOverview(connections, statuses, credentials, apps),
        counts: { apps: apps.length, credentials: credentials.length },
      };
    },
    'connections.test': async ({ id, path }) => {
      await session.records();
      return autoAuth.testRequest(id, path);
    },
    'connections.token': async ({ id }) => {
      await session.records();
      return autoAuth.inspect(id);
    },
    'passkeys.list': () => session.passkeys(),
    'passkeys.challenges': async () =>
      (await session.passkeyChallenges()).map(({ credentialId, prfSalt }) => ({
        credentialId,
        prfSalt: toBase64(prfSalt),
      })),
    // A new way to open the vault: the master password itself, never a recent confirmation.
    'passkeys.enrol': async ({ credentialId, name, prfSalt, prfOutput, password }) => {
      await session.confirmPassword(password);
      return session.enrolPasskey({
        credentialId,
        name,
        prfSalt: prfBytes(prfSalt, 'The passkey’s salt'),
        prfOutput: prfBytes(prfOutput, 'The passkey’s answer'),
      });
    },
    'passkeys.remove': async ({ credentialId, ...proof }) => {
      await confirmed(proof, 'Removing a passkey changes how the vault opens.');
      await session.removePasskey(credentialId);
      return {};
    },
    'activity.list': async (filter) => {
      await session.records();
      return autoAuth.requests.activity(filter);
    },
    'activity.older': async ({ before, limit }) => {
      await session.records();
      // One reading carries at most a page, whatever a page asks for.
      return autoAuth.activity.older(
        before,
        Math.min(Math.max(1, limit ?? OLDER_ACTIVITY_PAGE), OLDER_ACTIVITY_PAGE),
      );
    },
    'connections.refresh': async ({ id }) => {
      await session.records();
      await autoAuth.refreshNow(id);
      return autoAuth.statuses();
    },

    'exports.recipients': async ({ credentialId }) => {
      const records = await session.records();
      const credential = await existing(records, 'credentials', credentialId, 'credential');
      return exportRecipients(credential!, await records.list('apps'));
    },
    'exports.create': async ({ password, passkey, credentialId, ...request }) => {
      await provedAgain({ password, passkey }, 'An export sends a credential out of the vault.');
      const records = await session.records();
      const credential = await existing(records, 'credentials', credentialId, 'credential');
      const output = await exportCredential({
        ...request,
        credential: credential!,
        apps: await records.list('apps'),
      });
      await records.put('exports', output.record);
      return output;
    },
    'exports.list': async () => {
      const log = await (await session.records()).list('exports');
      return log.sort((a, b) => b.at - a.at);
    },

    'backup.create': async ({ backupPassword, kdf, ...proof }) => {
      await provedAgain(proof, 'A backup takes the whole vault out in one file.');
      return createBackup(await session.records(), backupPassword, kdf);
    },
    'backup.preview': async ({ content, password }) =>
      previewRestore(await session.records(), content, password),
    'backup.restore': async ({ content, password, onConflict, masterPassword, passkey }) => {
      const records = await session.records();
      const { connectionIds, ...summary } = await restoreBackup(
        records,
        content,
        password,
        onConflict,
        // A replaced server or API, or a restored connection for a credential already here,
        // would send a stored secret somewhere new: confirmed before the first write.
        (current, plan) =>
          confirmedIfNew(current, contentsAfter(current, plan), { password: masterPassword, passkey }),
      );
      await autoAuth.changed(connectionIds);
      // Restored settings take effect now: the auto-lock timer follows the new delay.
      if ([...summary.added, ...summary.replaced].some((item) => item.kind === 'settings')) {
        await saveSettings(await records.getSettings());
      }
      return summary;
    },

    'settings.get': async () => (await session.records()).getSettings(),
    // A setting the page leaves out keeps its stored value.
    'settings.save': async ({ settings }) =>
      saveSettings({ ...(await (await session.records()).getSettings()), ...settings }),
  } satisfies Handlers;
}
