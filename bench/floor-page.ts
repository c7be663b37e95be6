// For scale: the least an extension page can do to show the home view's data. A copy of the
// built extension gains one bare page (no framework, no styles) that asks the worker for the
// connections' overview, as the popup does, and lists them as plain rows. Its open → painted time
// on the same machine, in the same run, is the floor under the popup's home view figure: the
// browser loading an extension page, one round trip to the worker, 20 rows.
// Only the benchmark's copy has it; the product never ships it.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const FLOOR_PAGE = 'bench-floor.html';

// The same landmarks the benchmark's probe looks for on the home view: a region named
// "Connections" holding one list item per connection.
const HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Floor</title></head>
  <body>
    <section aria-labelledby="floor-title"><h2 id="floor-title">Connections</h2><ul></ul></section>
    <script type="module" src="bench-floor.js"></script>
  </body>
</html>
`;

const SCRIPT = `const list = document.querySelector('ul');
chrome.runtime.sendMessage({ type: 'connections.overview', payload: {} }).then((reply) => {
  for (const row of reply.value.connections) {
    const item = document.createElement('li');
    item.textContent = row.credentialLabel + ' · ' + row.apiBaseUrl + ' · ' + row.status.state;
    list.append(item);
  }
});
`;

/** A copy of `dist` with the floor page added; `remove` deletes the copy. */
export async function withFloorPage(dist: string): Promise<{ dist: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jwt-vault-floor-'));
  await cp(dist, dir, { recursive: true });
  await writeFile(path.join(dir, FLOOR_PAGE), HTML);
  await writeFile(path.join(dir, 'bench-floor.js'), SCRIPT);
  return { dist: dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
