// @vitest-environment happy-dom
// Every icon renders as decoration only: hidden from assistive tech, out of the tab order, drawn
// in the text colour on the 16-unit grid.
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import * as icons from '../../../src/popup/components/icons';

const NAMES = [
  'Lock',
  'Unlock',
  'Refresh',
  'Play',
  'ChevronLeft',
  'ChevronRight',
  'Plus',
  'Trash',
  'Edit',
  'Copy',
  'Eye',
  'EyeOff',
  'Gear',
  'Key',
  'Grid',
  'Link',
  'Check',
  'Alert',
  'External',
  'Home',
  'Pulse',
] as const;
const EXPORTED = new Map(Object.entries(icons));

describe('icons', () => {
  afterEach(() => render(null, document.body));

  it('exports exactly the named icons, so each one is checked here', () => {
    expect([...EXPORTED.keys()].sort()).toEqual([...NAMES].sort());
  });

  it.each(NAMES)('%s is hidden from assistive tech and drawn on a 16-unit viewBox', (name) => {
    const Icon = EXPORTED.get(name);
    if (!Icon) throw new Error(`no icon ${name}`);
    render(<Icon />, document.body);
    const svg = document.body.querySelector('svg');
    expect(svg?.getAttribute('aria-hidden')).toBe('true');
    expect(svg?.getAttribute('focusable')).toBe('false');
    expect(svg?.getAttribute('viewBox')).toBe('0 0 16 16');
    expect(svg?.getAttribute('width')).toBe('16');
    expect(svg?.getAttribute('stroke')).toBe('currentColor');
    expect(svg?.textContent).toBe('');
    const d = svg?.querySelector('path')?.getAttribute('d') ?? '';
    // A path that parses as drawing commands, every number on the grid.
    expect(d).toMatch(/^M[\d\s.,a-zA-Z-]+$/);
    const numbers = (d.match(/-?\d*\.?\d+/g) ?? []).map(Number);
    expect(numbers.length).toBeGreaterThan(3);
    expect(numbers.every((n) => Math.abs(n) <= 16)).toBe(true);
  });

  it('takes a size and an extra class', () => {
    render(<icons.Refresh size={20} class="spin" />, document.body);
    const svg = document.body.querySelector('svg');
    expect(svg?.getAttribute('width')).toBe('20');
    expect(svg?.getAttribute('height')).toBe('20');
    expect(svg?.getAttribute('class')).toBe('icon spin');
  });
});
