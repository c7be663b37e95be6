// The dedicated Worker that runs one Argon2id derivation, with core's own code, off the
// background's thread. Started by argon2id-thread.ts, which gives it one job at a time.
import { type Argon2idJob, argon2idHere } from '../core/crypto/kdf';
import type { WorkerResult } from './argon2id-thread';

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<Argon2idJob>) => void) | null;
  postMessage(message: WorkerResult, transfer?: Transferable[]): void;
};

scope.onmessage = (event) => {
  argon2idHere(event.data).then(
    (key) => scope.postMessage({ key }, [key.buffer]),
    // No detail: the error could only say what hash-wasm thought of the input.
    () => scope.postMessage({}),
  );
};
