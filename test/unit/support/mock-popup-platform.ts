// Replaces the platform modules the popup's shell imports (its links open tabs, the settings ask
// whether the screen lock is reported, enabling a connection asks for host access) with quiet
// fakes, for popup tests that mount the whole shell. Import it first; vi.mock calls here are
// hoisted and apply to every later import of those modules.
import { vi } from 'vitest';

vi.mock('../../../src/platform/runtime', () => ({
  extensionUrl: (p: string) => `chrome-extension://test/${p}`,
}));
vi.mock('../../../src/platform/tabs', () => ({ openTab: vi.fn() }));
vi.mock('../../../src/platform/idle', () => ({ reportsScreenLock: () => true }));
vi.mock('../../../src/platform/permissions', () => ({
  hasHostAccess: async () => true,
  requestHostAccess: async () => true,
  grantedOrigins: async () => [],
  onHostAccessChanged: () => {},
}));
