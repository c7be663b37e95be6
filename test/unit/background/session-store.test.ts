// The token manager's persistence in storage.session: one entry per connection and an index.
import { describe, expect, it } from 'vitest';
import { sessionStore } from '../../../src/background/auto-auth';
import { memoryArea } from '../support/memory-area';

describe('token session store', () => {
  it('keeps every id in the index under concurrent first saves', async () => {
    const area = memoryArea();
    const store = sessionStore(area);
    const ids = Array.from({ length: 12 }, (_, i) => `connection-${i}`);
    await Promise.all(ids.map((id) => store.save(id, { state: 'idle', generation: 0, failures: 0 })));
    expect([...(await store.list())].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(await store.load(id)).toMatchObject({ state: 'idle' });
  });
});
