// Imported once, for its effect, by the worker entry: from then on every Argon2id derivation (an
// unlock, a password check, a backup) runs off the background's thread, so lock is answered at once.
import { argon2idHere, useArgon2idRunner } from '../core/crypto/kdf';
import { backgroundArgon2idRunner } from './argon2id-thread';

useArgon2idRunner(backgroundArgon2idRunner(argon2idHere));
