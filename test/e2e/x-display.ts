// A private X display (Xvfb) and real key presses into it (xdotool), for the one thing headless
// Chromium cannot show: an extension's keyboard shortcut, which the browser window itself handles
// before any page sees the keys. CI installs both (`.ci/run`); see the README's requirements.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface XDisplay {
  /** The DISPLAY value, e.g. ":3". */
  name: string;
  /** Presses a key chord, as xdotool names it (e.g. "alt+shift+l"), in the focused window. */
  press(keys: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts Xvfb on the first free display; it prints the number on the descriptor we give it. */
export async function startXDisplay(): Promise<XDisplay> {
  const server: ChildProcess = spawn(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'],
    {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    },
  );
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    let errors = '';
    server.stdio[2]?.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    server.stdio[3]?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.trim());
    });
    server.on('error', (error) =>
      reject(new Error(`Xvfb did not start (apt-get install -y xvfb xdotool): ${error.message}`)),
    );
    server.on('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${errors.trim()}`)));
  });
  const name = `:${number}`;
  return {
    name,
    press: async (keys) => {
      await run('xdotool', ['key', '--clearmodifiers', keys], { env: { ...process.env, DISPLAY: name } });
    },
    stop: async () => {
      if (server.exitCode !== null) return;
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill();
      await exited;
    },
  };
}
