// Record identifiers: random UUIDs, so ids reveal nothing about order or content.
export function newId(): string {
  return crypto.randomUUID();
}
