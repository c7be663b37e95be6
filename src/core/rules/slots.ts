// Stable rule slots: a connection keeps its slot (and so its rule ids) for as long as it exists;
// a new one takes the lowest free slot. Pure; the worker keeps the map in session storage.
// Imported by the worker and tests.

export function assignSlots(
  previous: ReadonlyMap<string, number>,
  connectionIds: readonly string[],
): Map<string, number> {
  const wanted = new Set(connectionIds);
  const slots = new Map<string, number>();
  const taken = new Set<number>();
  for (const [id, slot] of previous) {
    if (wanted.has(id) && !taken.has(slot)) {
      slots.set(id, slot);
      taken.add(slot);
    }
  }
  let free = 0;
  for (const id of wanted) {
    if (slots.has(id)) continue;
    while (taken.has(free)) free += 1;
    slots.set(id, free);
    taken.add(free);
  }
  return slots;
}
