import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLEAR_AFTER_MS, type ClipboardAccess, createSecretClipboard } from '../../../src/popup/clipboard';

/** A system clipboard with an optional read permission, recording every write. */
function fakeClipboard(readable: boolean) {
  const state = { text: 'before', writes: [] as string[], refuseWrites: false };
  const access: ClipboardAccess = {
    writeText: async (text) => {
      if (state.refuseWrites) throw new DOMException('Document is not focused.', 'NotAllowedError');
      state.text = text;
      state.writes.push(text);
    },
    readText: async () => state.text,
    canRead: async () => readable,
  };
  return { state, access };
}

describe('secret clipboard', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('copies, then clears 30 s later while the clipboard still holds the value', async () => {
    const { state, access } = fakeClipboard(true);
    const clipboard = createSecretClipboard(access);
    await clipboard.copy('s3cret');
    expect(state.text).toBe('s3cret');
    await vi.advanceTimersByTimeAsync(CLEAR_AFTER_MS - 1);
    expect(state.text).toBe('s3cret');
    await vi.advanceTimersByTimeAsync(1);
    expect(state.text).toBe('');
  });

  it('leaves something copied elsewhere meanwhile alone when it can read', async () => {
    const { state, access } = fakeClipboard(true);
    const clipboard = createSecretClipboard(access);
    await clipboard.copy('s3cret');
    state.text = 'copied in another app';
    await vi.advanceTimersByTimeAsync(CLEAR_AFTER_MS);
    expect(state.text).toBe('copied in another app');
    expect(state.writes).toEqual(['s3cret']);
  });

  it('without read permission, clears when its copy was the last write it knows of', async () => {
    const { state, access } = fakeClipboard(false);
    const readText = vi.spyOn(access, 'readText');
    const clipboard = createSecretClipboard(access);
    await clipboard.copy('s3cret');
    await vi.advanceTimersByTimeAsync(CLEAR_AFTER_MS);
    expect(state.text).toBe('');
    // Never asks to read: that would prompt the user 30 s after a copy.
    expect(readText).not.toHaveBeenCalled();
  });

  it('does not clear after a copy or cut made from the page since (forget)', async () => {
    const { state, access } = fakeClipboard(false);
    const clipboard = createSecretClipboard(access);
    await clipboard.copy('s3cret');
    clipboard.forget();
    state.text = 'selected text the user copied';
    await vi.advanceTimersByTimeAsync(CLEAR_AFTER_MS);
    expect(state.text).toBe('selected text the user copied');
  });

  it('a second copy restarts the delay and clears once, its own value', async () => {
    const { state, access } = fakeClipboard(true);
    const clipboard = createSecretClipboard(access);
    await clipboard.copy('first');
    await vi.advanceTimersByTimeAsync(20_000);
    await clipboard.copy('second');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(state.text).toBe('second');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(state.text).toBe('');
    expect(state.writes).toEqual(['first', 'second', '']);
  });

  it('clearNow clears at once (lock, closing popup) and cancels the timer', async () => {
    const { state, access } = fakeClipboard(true);
    const clipboard = createSecretClipboard(access);
    await clipboard.copy('s3cret');
    await clipboard.clearNow();
    expect(state.text).toBe('');
    state.text = 'later';
    await vi.advanceTimersByTimeAsync(CLEAR_AFTER_MS);
    expect(state.text).toBe('later');
    // Nothing of ours on the clipboard: nothing to do.
    await clipboard.clearNow();
    expect(state.writes).toEqual(['s3cret', '']);
  });

  it('survives a refused clearing write and reports a refused copy', async () => {
    const { state, access } = fakeClipboard(false);
    const clipboard = createSecretClipboard(access);
    await clipboard.copy('s3cret');
    state.refuseWrites = true;
    await vi.advanceTimersByTimeAsync(CLEAR_AFTER_MS);
    expect(state.text).toBe('s3cret');
    await expect(clipboard.copy('other')).rejects.toThrow(DOMException);
  });
});
