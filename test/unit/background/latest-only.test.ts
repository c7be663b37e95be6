// The badge and the pages' snapshots follow changes through latestOnly: a burst of changes costs
// one run after the one under way, the last run starts after the last change, and nothing runs
// while no one wants it.
import { describe, expect, it } from 'vitest';
import { latestOnly } from '../../../src/background/latest-only';

/** A run the test finishes when it wants to. */
function runs() {
  const started: { version: number; finish: () => void }[] = [];
  let version = 0;
  return {
    started,
    change: () => {
      version += 1;
    },
    work: () =>
      new Promise<void>((resolve) => {
        started.push({ version, finish: resolve });
      }),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('latestOnly', () => {
  it('runs once more after a burst of changes during a run, and that run sees the last change', async () => {
    const r = runs();
    const notify = latestOnly(r.work);
    r.change();
    notify();
    expect(r.started).toHaveLength(1);
    for (let i = 0; i < 10; i += 1) {
      r.change();
      notify();
    }
    expect(r.started).toHaveLength(1);
    r.started[0]!.finish();
    await settle();
    expect(r.started).toHaveLength(2);
    expect(r.started[1]!.version).toBe(11);
    r.started[1]!.finish();
    await settle();
    expect(r.started).toHaveLength(2);
  });

  it('goes on after a run that failed', async () => {
    let calls = 0;
    const notify = latestOnly(async () => {
      calls += 1;
      if (calls === 1) throw new Error('the vault is changing');
    });
    notify();
    await settle();
    notify();
    await settle();
    expect(calls).toBe(2);
  });

  it('does not run while no one wants it, and runs on the next change once wanted', async () => {
    const r = runs();
    let wanted = false;
    const notify = latestOnly(r.work, () => wanted);
    notify();
    await settle();
    expect(r.started).toHaveLength(0);
    wanted = true;
    notify();
    expect(r.started).toHaveLength(1);
  });
});
