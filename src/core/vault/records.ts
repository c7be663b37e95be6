// Reading and writing the sealed records of an unlocked vault. Validation and sealing happen
// before a write transaction opens; reads finish their transaction before decrypting.
// Imported by the worker through src/core/vault/index.ts.

import { importDataKey } from '../crypto/data-key';
import { InvalidInputError, VaultError } from '../errors';
import { ActivityHistory } from './activity-history';
import type { VaultDb } from './db';
import type { App, Connection, Credential, RecordKind, RecordTypes, Settings } from './model';
import { DEFAULT_SETTINGS } from './model';
import {
  checkAppPut,
  checkConnectionPut,
  checkCredentialPut,
  checkDelete,
  RELATIONS,
  type VaultSnapshot,
} from './relations';
import { openRecord, sealRecord } from './sealed-record';
import { isRecordId, SETTINGS_ID, VALIDATORS, validateRecordId } from './validate';

// Writes are checked against a snapshot taken just before; serialising them per database
// keeps two writes from passing their checks on the same snapshot (duplicates, IN_USE).
const writeQueues = new WeakMap<VaultDb, Promise<unknown>>();

function serialise<T>(db: VaultDb, work: () => Promise<T>): Promise<T> {
  const run = (writeQueues.get(db) ?? Promise.resolve()).then(work, work);
  writeQueues.set(
    db,
    run.catch(() => {}),
  );
  return run;
}

// How many writes each kind has seen, per database: whatever keeps something derived from the
// records (the relations below, the worker's credential views) knows from it whether that is
// still current.
const revisions = new WeakMap<VaultDb, Map<RecordKind, number>>();

function bump(db: VaultDb, kind: RecordKind): void {
  const counts = revisions.get(db) ?? new Map<RecordKind, number>();
  counts.set(kind, (counts.get(kind) ?? 0) + 1);
  revisions.set(db, counts);
}

// Connections hold no secret (ids, URLs, origins) and are read on every popup open and every
// reading of the statuses: they are kept open, per revision, until this object goes at lock.
// Apps and credentials hold secrets and are opened each time they are read.
const KEPT_OPEN: ReadonlySet<RecordKind> = new Set<RecordKind>(['connections']);

type RelatedKind = keyof VaultSnapshot;
const RELATED: RelatedKind[] = ['apps', 'credentials', 'connections'];

export class VaultRecords {
  readonly #db: VaultDb;
  readonly #key: CryptoKey;
  // What the write checks read (ids, labels, client IDs, links: nothing secret), kept from one
  // write to the next and updated by each, so checking a write opens no record: saving n records
  // opens n, not n². Dropped with this object when the vault locks.
  #relations: { snapshot: VaultSnapshot; revisions: string } | undefined;
  // The kinds of KEPT_OPEN as last opened, with the revision they were read at.
  readonly #kept = new Map<RecordKind, { revision: number; records: Promise<unknown[]> }>();

  constructor(db: VaultDb, dataKey: CryptoKey) {
    this.#db = db;
    this.#key = dataKey;
  }

  static async fromRawKey(db: VaultDb, rawKey: Uint8Array): Promise<VaultRecords> {
    return new VaultRecords(db, await importDataKey(rawKey));
  }

  #history: ActivityHistory | undefined;

  /** The kept activity log, sealed with the same key; it goes with this object at lock. */
  activityHistory(): ActivityHistory {
    this.#history ??= new ActivityHistory(this.#db, this.#key);
    return this.#history;
  }

  /** Changes whenever a record of this kind is written or deleted through any VaultRecords. */
  revision(kind: RecordKind): number {
    return revisions.get(this.#db)?.get(kind) ?? 0;
  }

  /** Every record of a kind, in id order. One that fails to open fails the whole list. */
  async list<K extends RecordKind>(kind: K): Promise<RecordTypes[K][]> {
    if (!KEPT_OPEN.has(kind)) return this.#open(kind);
    const revision = this.revision(kind);
    let kept = this.#kept.get(kind);
    if (kept?.revision !== revision) {
      const entry = { revision, records: this.#open(kind) };
      this.#kept.set(kind, entry);
      entry.records.catch(() => {
        if (this.#kept.get(kind) === entry) this.#kept.delete(kind);
      });
      kept = entry;
    }
    // A copy each time: a caller that changes what it was given changes nothing kept.
    return structuredClone(await kept.records) as RecordTypes[K][];
  }

  #open<K extends RecordKind>(kind: K): Promise<RecordTypes[K][]> {
    return this.#db
      .getAll(kind)
      .then((stored) => Promise.all(stored.map((record) => openRecord(this.#key, kind, record))));
  }

  /** Undefined when absent, including for an id that could never have been stored. */
  async get<K extends RecordKind>(kind: K, id: string): Promise<RecordTypes[K] | undefined> {
    if (!isRecordId(id)) return undefined;
    // A kind kept open answers from the list it keeps, while current: every tool request's
    // answer looks up its connection.
    const kept = KEPT_OPEN.has(kind) ? this.#kept.get(kind) : undefined;
    if (kept?.revision === this.revision(kind)) {
      const found = (await kept.records.catch(() => [])).find(
        (record) => (record as { id: string }).id === id,
      );
      if (found) return structuredClone(found) as RecordTypes[K];
    }
    const stored = await this.#db.get(kind, id);
    return stored === undefined ? undefined : openRecord(this.#key, kind, stored);
  }

  /** Creates or replaces; returns the record as stored (trimmed, URLs normalised). */
  put<K extends RecordKind>(kind: K, value: RecordTypes[K]): Promise<RecordTypes[K]> {
    return serialise(this.#db, async () => {
      const record = VALIDATORS[kind](value);
      await this.#checkRelations(kind, record);
      const sealed = await sealRecord(this.#key, kind, record);
      await this.#db.put(kind, sealed);
      this.#wrote(kind, record.id, record);
      return record;
    });
  }

  delete(kind: RecordKind, id: string): Promise<void> {
    return serialise(this.#db, async () => {
      if (kind === 'settings') throw new InvalidInputError('Settings cannot be deleted, only changed.');
      validateRecordId(id, 'id');
      if ((await this.#db.count(kind, id)) === 0)
        throw new VaultError('NOT_FOUND', 'That record does not exist.');
      if (kind === 'apps' || kind === 'credentials') checkDelete(kind, id, await this.#snapshot());
      await this.#db.delete(kind, id);
      this.#wrote(kind, id, undefined);
    });
  }

  /** The stored settings, or the defaults if none were saved. */
  async getSettings(): Promise<Settings> {
    const stored = await this.get('settings', SETTINGS_ID);
    if (!stored) return { ...DEFAULT_SETTINGS };
    const { id: _id, ...settings } = stored;
    // Sealed before a setting existed: it reads as its default.
    return { ...DEFAULT_SETTINGS, ...settings };
  }

  async putSettings(settings: Settings): Promise<Settings> {
    const { id: _id, ...saved } = await this.put('settings', { ...settings, id: SETTINGS_ID });
    return saved;
  }

  async #checkRelations(kind: RecordKind, record: RecordTypes[RecordKind]): Promise<void> {
    // Settings relate to nothing; an export record outlives the credential it was made from.
    if (kind === 'settings' || kind === 'exports') return;
    const snapshot = await this.#snapshot();
    if (kind === 'apps') checkAppPut(record as App, snapshot);
    else if (kind === 'credentials') checkCredentialPut(record as Credential, snapshot);
    else checkConnectionPut(record as Connection, snapshot);
  }

  /** The three related kinds' write counts, as one comparable value. */
  #revisions(): string {
    return RELATED.map((kind) => this.revision(kind)).join(':');
  }

  /**
   * The relations of every record: the kept ones while no write went around this object, else
   * read afresh — the three stores in one transaction, finished, then decrypted.
   */
  async #snapshot(): Promise<VaultSnapshot> {
    const revisions = this.#revisions();
    if (this.#relations?.revisions === revisions) return this.#relations.snapshot;
    const tx = this.#db.transaction(RELATED, 'readonly');
    const [apps, credentials, connections] = await Promise.all([
      tx.objectStore('apps').getAll(),
      tx.objectStore('credentials').getAll(),
      tx.objectStore('connections').getAll(),
      tx.done,
    ]);
    const open = <K extends RelatedKind>(kind: K, list: unknown[]) =>
      Promise.all(list.map((record) => openRecord(this.#key, kind, record)));
    const snapshot: VaultSnapshot = {
      apps: (await open('apps', apps)).map(RELATIONS.apps),
      credentials: (await open('credentials', credentials)).map(RELATIONS.credentials),
      connections: (await open('connections', connections)).map(RELATIONS.connections),
    };
    this.#relations = { snapshot, revisions };
    return snapshot;
  }

  /** Counts the write, and brings the kept relations up to date with it (undefined: deleted). */
  #wrote(kind: RecordKind, id: string, record: RecordTypes[RecordKind] | undefined): void {
    const current = this.#relations?.revisions === this.#revisions();
    bump(this.#db, kind);
    if (!RELATED.includes(kind as RelatedKind)) return;
    if (!current || !this.#relations) {
      this.#relations = undefined;
      return;
    }
    const related = kind as RelatedKind;
    const list = this.#relations.snapshot[related].filter((other) => other.id !== id) as { id: string }[];
    if (record) list.push(RELATIONS[related](record as never));
    this.#relations = {
      snapshot: { ...this.#relations.snapshot, [related]: list },
      revisions: this.#revisions(),
    };
  }
}
