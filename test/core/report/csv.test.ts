import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recordsToCsv, textCell, TICKET_SEPARATOR } from '../../../server/src/core/report/csv';
import type { IncidentRecord } from '../../../server/src/core/report/record';
import { parseCsv } from '../../helpers/csv';

const HEADER = [
  'file',
  'title',
  'date',
  'severity',
  'status',
  'durationMinutes',
  'ttdMinutes',
  'ttaMinutes',
  'ttmMinutes',
  'ttrMinutes',
  'actionItems',
  'actionItemsOpen',
  'actionItemsWithoutTicket',
  'findingsError',
  'findingsWarning',
  'findingsInfo',
  'findingsHint',
  'tickets',
];

function record(overrides: Partial<IncidentRecord>): IncidentRecord {
  return {
    file: 'postmortems/a.md',
    title: 'A',
    date: '2026-03-02',
    severity: 'SEV1',
    status: 'published',
    durationMinutes: 150,
    ttdMinutes: 7,
    ttaMinutes: null,
    ttmMinutes: 60,
    ttrMinutes: 150,
    actionItems: 3,
    actionItemsOpen: 2,
    actionItemsWithoutTicket: 1,
    findings: { error: 0, warning: 1, info: 2, hint: 0 },
    tickets: ['OPS-12', 'OPS-13'],
    ...overrides,
  };
}

describe('incidents.csv', () => {
  it('a header and one row per record, CRLF, numbers as numbers, unknown values empty', () => {
    const csv = recordsToCsv([record({})]);
    assert.ok(csv.endsWith('\r\n'));
    assert.deepEqual(parseCsv(csv), [
      HEADER,
      ['postmortems/a.md', 'A', '2026-03-02', 'SEV1', 'published', '150', '7', '', '60', '150', '3', '2', '1', '0', '1', '2', '0', `OPS-12${TICKET_SEPARATOR}OPS-13`],
    ]);
  });

  it('quotes, commas and line breaks are quoted (RFC 4180) and read back as written', () => {
    const title = 'Outage, "big" one\r\nsecond line\nthird';
    const file = 'post mortems/a,b.md';
    const rows = parseCsv(recordsToCsv([record({ title, file, tickets: ['A,1', 'B"2'] })]));
    assert.equal(rows[1][0], file);
    assert.equal(rows[1][1], title);
    assert.equal(rows[1][17], `A,1${TICKET_SEPARATOR}B"2`);
  });

  it('a text cell that would start a formula gets a leading quote; numbers never do', () => {
    for (const hostile of ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '  =1', '＝1']) {
      const [, row] = parseCsv(recordsToCsv([record({ title: hostile, severity: hostile, tickets: [hostile] })]));
      for (const cell of [row[1], row[3], row[17]]) assert.equal(cell, `'${hostile}`, JSON.stringify(hostile));
    }
    assert.equal(textCell('SEV-1'), 'SEV-1', 'a dash inside is harmless');
    assert.equal(textCell('a=b'), 'a=b');
    const [, row] = parseCsv(recordsToCsv([record({ durationMinutes: 0 })]));
    assert.equal(row[5], '0');
  });

  it('no records: the header alone', () => {
    assert.deepEqual(parseCsv(recordsToCsv([])), [HEADER]);
  });

  it('the reader used here is strict: it refuses what RFC 4180 does not allow', () => {
    assert.throws(() => parseCsv('a,b\n'), /bare "\\n"/);
    assert.throws(() => parseCsv('a"b\r\n'), /bare/);
    assert.throws(() => parseCsv('"a"b\r\n'), /must end/);
    assert.throws(() => parseCsv('"a\r\n'), /unterminated/);
  });
});
