// Runs a piece of work again after each change, one run at a time: a change during a run asks for
// one more run after it, so the last run follows the last change and a burst of changes (one
// token exchange saves its state several times) costs one or two runs, not one each.
// Imported by the worker entry (the badge) and status-push.ts (the pages' snapshots).

/**
 * Returns the function to call on a change. `wanted`: whether a run is of use now (a push with
 * no page open is not); a change while it is not leaves the next call to start a run.
 */
export function latestOnly(work: () => Promise<void>, wanted: () => boolean = () => true): () => void {
  let dirty = false;
  let running = false;
  async function drain(): Promise<void> {
    while (dirty && wanted()) {
      dirty = false;
      try {
        await work();
      } catch {
        // What it reads could not be read (the vault is changing): the change that follows calls again.
      }
    }
    running = false;
  }
  return () => {
    if (!wanted()) return;
    dirty = true;
    if (running) return;
    running = true;
    void drain();
  };
}
