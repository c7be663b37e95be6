// @vitest-environment happy-dom
import { signal } from '@preact/signals';
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { isRetiredServer, ServerUrlField } from '../../../src/popup/components/server-url-field';

describe('server URL field', () => {
  afterEach(() => render(null, document.body));

  it('recognises the retired sandbox with or without a trailing slash', () => {
    expect(isRetiredServer(' https://platform.devtest.ringcentral.com/ ')).toBe(true);
    expect(isRetiredServer('https://platform.ringcentral.com')).toBe(false);
  });

  it('warns about the retired sandbox, and only then', () => {
    render(<ServerUrlField value={signal('https://platform.devtest.ringcentral.com')} />, document.body);
    expect(document.body.querySelector('[role="alert"]')?.textContent).toContain('retired this sandbox');
    render(<ServerUrlField value={signal('https://platform.ringcentral.com')} />, document.body);
    expect(document.body.querySelector('[role="alert"]')).toBeNull();
  });
});
