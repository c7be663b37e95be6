// The offscreen document's script (Chromium only): it hands the service worker's Argon2id jobs to
// a dedicated Worker, which a service worker cannot start itself. Loaded by src/offscreen/index.html.
import { serveArgon2idJobs } from '../platform/argon2id-thread';

serveArgon2idJobs();
