import { describe, expect, it } from 'vitest';
import { activityUrl, statusClass } from '../../../../src/core/activity/entry';

describe('activityUrl', () => {
  it('keeps scheme, host, port and path, and drops the query and the fragment', () => {
    expect(activityUrl('https://api.example.com:8443/v1/users?api_key=CANARY&x=1#part')).toBe(
      'https://api.example.com:8443/v1/users',
    );
  });

  it('drops user info a URL may carry', () => {
    expect(activityUrl('https://user:secret@api.example.com/v1/')).toBe('https://api.example.com/v1/');
  });

  it('cuts at the query even in a string that is not a URL', () => {
    expect(activityUrl('not a url?token=CANARY')).toBe('not a url');
  });
});

describe('statusClass', () => {
  it.each([
    [200, '2xx'],
    [204, '2xx'],
    [401, '401/403'],
    [403, '401/403'],
    [429, '429'],
    [503, '5xx'],
    [404, 'other'],
    [undefined, 'no answer'],
  ] as const)('puts %s in %s', (status, group) => {
    expect(statusClass(status === undefined ? {} : { status })).toBe(group);
  });
});
