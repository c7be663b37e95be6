// Replaces every platform module the worker entry imports with the fakes of worker-entry.ts, for
// tests that load src/background/index.ts. Import it first; vi.mock calls here are hoisted and
// apply to every later import of those modules.
import { vi } from 'vitest';

const fakes = () => import('./worker-entry');
vi.mock('../../../src/platform/commands', () => fakes().then((m) => m.commands));
vi.mock('../../../src/platform/runtime', () => fakes().then((m) => m.runtime));
vi.mock('../../../src/platform/storage', () => fakes().then((m) => m.storage));
vi.mock('../../../src/platform/alarms', () => fakes().then((m) => m.alarms));
vi.mock('../../../src/platform/action', () => fakes().then((m) => m.action));
vi.mock('../../../src/platform/dnr', () => fakes().then((m) => m.dnr));
vi.mock('../../../src/platform/idle', () => fakes().then((m) => m.idle));
vi.mock('../../../src/platform/permissions', () => fakes().then((m) => m.permissions));
vi.mock('../../../src/platform/ports', () => fakes().then((m) => m.ports));
vi.mock('../../../src/platform/tab-watch', () => fakes().then((m) => m.tabs));
vi.mock('../../../src/platform/web-request', () => fakes().then((m) => m.webRequest));
