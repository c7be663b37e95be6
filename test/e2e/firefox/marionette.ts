// A minimal client for Marionette, Firefox's own remote protocol (the one geckodriver speaks):
// length-prefixed JSON over plain TCP, so it needs no WebSocket and no Node flag. Used only by
// the Firefox e2e helpers in this folder.
import { connect, type Socket } from 'node:net';

/** The W3C key under which WebDriver returns an element reference. */
export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

export interface ElementRef {
  [ELEMENT_KEY]: string;
}

/** A command Firefox answered with an error: `error` is the WebDriver error code. */
export class MarionetteError extends Error {
  constructor(
    readonly command: string,
    readonly error: string,
    message: string,
  ) {
    super(`${command}: ${error}: ${message}`);
    this.name = 'MarionetteError';
  }
}

type Pending = { resolve(value: unknown): void; reject(error: Error): void; command: string };

export class Marionette {
  readonly #socket: Socket;
  readonly #pending = new Map<number, Pending>();
  #buffer = Buffer.alloc(0);
  #nextId = 1;
  #hello: Promise<unknown>;
  #closed: Error | undefined;

  private constructor(socket: Socket) {
    this.#socket = socket;
    // The server speaks first: `{"applicationType":"gecko","marionetteProtocol":3}`.
    this.#hello = new Promise((resolve, reject) =>
      this.#pending.set(0, { resolve, reject, command: 'hello' }),
    );
    socket.on('data', (chunk) => this.#receive(chunk));
    socket.on('error', (error) => this.#fail(error));
    socket.on('close', () => this.#fail(new Error('Marionette connection closed')));
  }

  static async connect(port: number): Promise<Marionette> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const client = new Marionette(socket);
    await client.#hello;
    return client;
  }

  /** Sends one command and resolves to its result (the `value` unwrapped where there is one). */
  async send<T = unknown>(command: string, params: object = {}): Promise<T> {
    if (this.#closed) throw this.#closed;
    const id = this.#nextId++;
    const body = Buffer.from(JSON.stringify([0, id, command, params]), 'utf8');
    const reply = new Promise<unknown>((resolve, reject) =>
      this.#pending.set(id, { resolve, reject, command }),
    );
    // The prefix counts bytes, not characters.
    this.#socket.write(Buffer.concat([Buffer.from(`${body.length}:`), body]));
    const result = (await reply) as { value?: unknown } | null;
    return (result && typeof result === 'object' && 'value' in result ? result.value : result) as T;
  }

  close(): void {
    this.#socket.destroy();
  }

  #receive(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const colon = this.#buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(this.#buffer.subarray(0, colon).toString('ascii'));
      const end = colon + 1 + length;
      if (this.#buffer.length < end) return;
      const message = JSON.parse(this.#buffer.subarray(colon + 1, end).toString('utf8')) as unknown;
      this.#buffer = this.#buffer.subarray(end);
      this.#dispatch(message);
    }
  }

  #dispatch(message: unknown): void {
    if (!Array.isArray(message)) {
      this.#settle(0, null, message);
      return;
    }
    const [, id, error, result] = message as [1, number, { error: string; message: string } | null, unknown];
    this.#settle(id, error, result);
  }

  #settle(id: number, error: { error: string; message: string } | null, result: unknown): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    if (error) pending.reject(new MarionetteError(pending.command, error.error, error.message));
    else pending.resolve(result);
  }

  #fail(error: Error): void {
    this.#closed ??= error;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
