// Functions that run inside an extension page, handed to Playwright's or Marionette's evaluate as
// source text: no imports and no named inner functions (a bundler's name helper would not exist
// in the page).

/**
 * The key derivation named in the vault's stored header: which KDF and parameters really ran.
 * Only plain values come back (the salt is a typed array, which Firefox's Marionette refuses).
 */
export const storedKdf = async () => {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('jwt-vault');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const header = await new Promise<{ kdf: Record<string, unknown> }>((resolve, reject) => {
    const request = db.transaction('meta').objectStore('meta').get('header');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  db.close();
  const { id, memoryKiB, iterations, parallelism } = header.kdf;
  return { id, memoryKiB, iterations, parallelism };
};
