// Identifiers typed one per line or separated by commas or spaces (client IDs, scopes), without
// blanks or repeats, in the order typed. Imported by the popup's forms.
export function parseList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}
