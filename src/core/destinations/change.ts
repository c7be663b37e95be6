// A change of where a record's secrets go, as the restore preview shows it to people. Apart from
// destinations.ts so that the popup, which only shows changes, does not load the rest.
// Imported by src/core/destinations, src/core/backup and the popup.

/** A destination field of one record that a replacement would change, for people to read. */
export interface DestinationChange {
  field: 'server' | 'token path' | 'revoke path' | 'API' | 'tool origins';
  from: string;
  to: string;
}

/** "server: A → B", as the restore preview lists it. */
export function changeText({ field, from, to }: DestinationChange): string {
  return `${field}: ${from} → ${to}`;
}
