// The versions of a sealed record's plaintext, and the step that brings each older one up to
// date when it is opened. A vault written by an earlier version opens with nothing lost; what is
// written again is written in the current version. Imported by sealed-record.ts.
import { FIRST_KIND } from '../credentials/kinds';
import type { RecordKind } from './model';

/** The version every record is sealed with now. */
export const RECORD_VERSION = 2;

type Plain = Record<string, unknown>;

/** Step n turns a record of version n − 1 into version n; kinds a step does not name are unchanged. */
const STEPS: Record<number, (kind: RecordKind, record: Plain) => Plain> = {
  // Credentials gained a kind; every credential before then was a RingCentral personal JWT.
  2: (kind, record) =>
    kind === 'credentials' && !('kind' in record) ? { ...record, kind: FIRST_KIND } : record,
};

export function isReadableVersion(version: number): boolean {
  return Number.isInteger(version) && version >= 1 && version <= RECORD_VERSION;
}

/** The record as the current version has it. */
export function upgradeRecord(kind: RecordKind, record: Plain, from: number): Plain {
  let current = record;
  for (let version = from + 1; version <= RECORD_VERSION; version += 1) {
    const step = STEPS[version];
    if (step) current = step(kind, current);
  }
  return current;
}
