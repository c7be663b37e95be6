import { describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../../../src/core/activity/entry';
import { activityCsv, activityJson, exportRows } from '../../../../src/core/activity/export';

const ENTRY: ActivityEntry = {
  seq: 7,
  at: Date.UTC(2026, 11, 2, 9, 30, 5),
  connectionIds: ['k1'],
  origin: 'http://localhost:3000',
  tabId: 4,
  method: 'GET',
  url: 'https://api.example.test/restapi/v1.0/account/~',
  header: 'vault',
  generation: 2,
  status: 200,
  durationMs: 12.4,
};

describe('exporting the activity shown', () => {
  it('writes each entry with its connection’s name and nothing the log does not hold', () => {
    const [row] = exportRows([ENTRY], new Map([['k1', 'Ops bot → https://api.example.test/restapi/']]));
    expect(row).toEqual({
      time: '2026-12-02T09:30:05.000Z',
      connection: 'Ops bot → https://api.example.test/restapi/',
      origin: 'http://localhost:3000',
      tab: 4,
      method: 'GET',
      url: 'https://api.example.test/restapi/v1.0/account/~',
      status: 200,
      error: null,
      header: 'vault',
      token: 2,
      noToken: null,
      durationMs: 12,
    });
    expect(JSON.parse(activityJson([row!]))).toEqual([row]);
  });

  it('falls back to the connection’s id when it has no name any more', () => {
    expect(exportRows([ENTRY], new Map())[0]?.connection).toBe('k1');
  });

  it('writes RFC 4180 CSV: a header, quoted cells where needed, empty for none', () => {
    const rows = exportRows(
      [{ ...ENTRY, status: undefined, error: 'net::ERR_FAILED', generation: undefined, header: 'none' }],
      new Map([['k1', 'Team "A", billing']]),
    );
    expect(activityCsv(rows)).toBe(
      'time,connection,origin,tab,method,url,status,error,header,token,noToken,durationMs\r\n' +
        '2026-12-02T09:30:05.000Z,"Team ""A"", billing",http://localhost:3000,4,GET,https://api.example.test/restapi/v1.0/account/~,,net::ERR_FAILED,none,,,12\r\n',
    );
  });

  it('writes a cell a spreadsheet would run as a formula as text', () => {
    const rows = exportRows([ENTRY], new Map([['k1', '=HYPERLINK("http://evil.test")']]));
    expect(activityCsv(rows).split('\r\n')[1]).toContain(`"'=HYPERLINK(""http://evil.test"")"`);
  });
});
