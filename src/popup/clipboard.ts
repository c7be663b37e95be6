// Copying a secret (a client secret) to the clipboard, and clearing it again 30 s later only if
// the clipboard still holds it. Imported by popup components.
//
// Why it lives in the popup, with its limit: a popup's timers die when it closes, and clearing
// later from the worker would need an offscreen document plus the `offscreen` and
// `clipboardWrite` permissions — and even then it could not read the clipboard to see whether
// the user had copied something else since. So the popup clears after 30 s while it is open,
// and tries once more as it closes (`pagehide`); a browser may refuse a write from a closing
// page, and then the value stays until something else is copied. The README says so.
//
// Why "only if it still holds that value": the user may have copied something else meanwhile,
// and wiping that would be rude. Reading the clipboard needs the clipboard-read permission,
// which the extension does not ask for (it would prompt); when reading is not granted, the
// only writes we can see are our own, so we clear when our copy was the last write made from
// this page. That may clear something copied in another application within those 30 s: for a
// secret, the safer mistake.

export const CLEAR_AFTER_MS = 30_000;

export interface ClipboardAccess {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
  /** Whether reading is granted already: asking would show a prompt 30 s after a copy. */
  canRead(): Promise<boolean>;
}

export interface TimerApi {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface SecretClipboard {
  /** Copies the value and schedules its clearing; rejects when the browser refuses the write. */
  copy(value: string): Promise<void>;
  /** Clears now if the clipboard still holds our last copy (the popup closes, the vault locks). */
  clearNow(): Promise<void>;
  /** Something else was copied from this page (a copy or cut event): our copy is no longer there. */
  forget(): void;
}

export function createSecretClipboard(
  access: ClipboardAccess,
  timers: TimerApi = {
    set: (callback, ms) => setTimeout(callback, ms),
    clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  },
): SecretClipboard {
  let ours: string | undefined;
  let timer: unknown;

  function forget(): void {
    ours = undefined;
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
  }

  async function stillHolds(value: string): Promise<boolean> {
    try {
      if (!(await access.canRead())) return true;
      return (await access.readText()) === value;
    } catch {
      // Reading refused after all (focus lost, permission revoked): our write was the last we know of.
      return true;
    }
  }

  async function clearIfOurs(value: string): Promise<void> {
    if (ours !== value) return;
    forget();
    if (!(await stillHolds(value))) return;
    await access.writeText('').catch(() => {
      // Refused (the page lost focus or is closing): nothing more a page can do.
    });
  }

  return {
    async copy(value) {
      forget();
      await access.writeText(value);
      ours = value;
      timer = timers.set(() => void clearIfOurs(value), CLEAR_AFTER_MS);
    },
    clearNow: () => (ours === undefined ? Promise.resolve() : clearIfOurs(ours)),
    forget,
  };
}

/** The page's clipboard, reading only when the permission is already granted. */
export function navigatorClipboard(): ClipboardAccess {
  return {
    writeText: (text) => navigator.clipboard.writeText(text),
    readText: () => navigator.clipboard.readText(),
    canRead: async () => {
      try {
        const state = await navigator.permissions.query({ name: 'clipboard-read' as PermissionName });
        return state.state === 'granted';
      } catch {
        // Firefox does not know the permission name.
        return false;
      }
    },
  };
}

let shared: SecretClipboard | undefined;

/**
 * The popup's one clipboard, cleared when the page goes away and forgetting our copy when the
 * user copies something else from the page.
 */
export function popupClipboard(): SecretClipboard {
  if (!shared) {
    const clipboard = createSecretClipboard(navigatorClipboard());
    addEventListener('pagehide', () => void clipboard.clearNow());
    document.addEventListener('copy', () => clipboard.forget());
    document.addEventListener('cut', () => clipboard.forget());
    shared = clipboard;
  }
  return shared;
}
