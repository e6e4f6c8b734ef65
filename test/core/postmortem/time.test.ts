import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration, leadingTime, scanTimes } from '../../../server/src/core/postmortem/time';

function one(text: string) {
  const tokens = scanTimes(text);
  assert.equal(tokens.length, 1, `expected one token in ${JSON.stringify(text)}, got ${JSON.stringify(tokens)}`);
  return tokens[0];
}

describe('time lexer: valid times', () => {
  const cases: [string, number, number, string?][] = [
    ['2:43pm', 14, 43],
    ['2:54 PM PST', 14, 54, 'PST'],
    ['12:00 am', 0, 0],
    ['12:30 pm', 12, 30],
    ['14:43', 14, 43],
    ['16:58 UTC', 16, 58, 'UTC'],
    ['10:18 a.m.', 10, 18],
    ['3pm', 15, 0],
    ['23:59:59', 23, 59],
    ['10:22 CEST', 10, 22, 'CEST'],
    ['09:15 UTC-7', 9, 15, 'UTC-7'],
  ];
  for (const [text, hour, minute, zone] of cases) {
    it(text, () => {
      const t = one(text);
      assert.equal(t.invalid, undefined);
      assert.deepEqual([t.time?.hour, t.time?.minute], [hour, minute]);
      assert.equal(t.zone, zone);
      assert.equal(t.text, text);
    });
  }
});

describe('time lexer: dates', () => {
  it('ISO 8601 with zone Z', () => {
    const t = one('2025-09-29T16:54:16Z');
    assert.deepEqual(t.date, { year: 2025, month: 9, day: 29 });
    assert.deepEqual(t.time, { hour: 16, minute: 54, second: 16 });
    assert.equal(t.offsetMinutes, 0);
  });
  it('ISO 8601 with an offset', () => {
    const t = one('2024-03-01 10:00+02:00');
    assert.equal(t.offsetMinutes, 120);
  });
  it('date and time with irregular spacing', () => {
    const t = one('2021-12-10   15:40');
    assert.deepEqual(t.date, { year: 2021, month: 12, day: 10 });
    assert.equal(t.time?.hour, 15);
  });
  it('MM-DD HH:MM without a year', () => {
    const t = one('[03-26 17:40]');
    assert.deepEqual(t.date, { month: 3, day: 26 });
    assert.equal(t.time?.minute, 40);
  });
  it('month names with and without a year', () => {
    assert.deepEqual(one('Sep 27 2017 13:06').date, { year: 2017, month: 9, day: 27 });
    const jan = one('Jan 14, 10:18 AM');
    assert.deepEqual(jan.date, { month: 1, day: 14 });
    assert.equal(jan.time?.hour, 10);
    assert.deepEqual(one('8 February 2019').date, { year: 2019, month: 2, day: 8 });
  });
  it('US dates', () => {
    assert.deepEqual(one('08-16-2020').date, { year: 2020, month: 8, day: 16 });
    assert.deepEqual(one('8/16/2020').date, { year: 2020, month: 8, day: 16 });
  });
  it('date only', () => {
    const t = one('2021-12-10');
    assert.equal(t.time, undefined);
    assert.deepEqual(t.date, { year: 2021, month: 12, day: 10 });
  });
  it('approximate time', () => {
    assert.equal(one('2020-11-17 10:45~').approximate, true);
  });
  it('leap days', () => {
    assert.equal(one('2020-02-29').invalid, undefined);
    assert.match(one('2019-02-29').invalid ?? '', /28 days/);
  });
});

describe('time lexer: impossible times and dates', () => {
  const cases: [string, RegExp, 'date' | 'time'][] = [
    ['16:04pm', /past 12/, 'time'],
    ['13:00 am', /past 12/, 'time'],
    ['25:10', /no hour 25/, 'time'],
    ['12:61', /no minute 61/, 'time'],
    ['0:30 am', /no hour 0/, 'time'],
    ['2019-02-30', /February 2019 has 28 days/, 'date'],
    ['2019-13-01', /no month 13/, 'date'],
    ['20202-01-16', /5 digits/, 'date'],
    ['2021-04-31 10:00', /April 2021 has 30 days/, 'date'],
  ];
  for (const [text, reason, part] of cases) {
    it(text, () => {
      const t = one(text);
      assert.match(t.invalid ?? '', reason);
      assert.equal(t.invalidPart, part);
    });
  }
  it('keeps the likely reading of 16:04pm for ordering', () => {
    assert.deepEqual(one('16:04pm').time, { hour: 16, minute: 4 });
  });
});

describe('time lexer: placeholders and non-times', () => {
  for (const text of ['--:--', '[???]', 'HH:mm', 'hh:mm', 'XX:XX', '20xx-MM-DD HH:mm', 'YYYY-MM-DD']) {
    it(`placeholder ${text}`, () => assert.equal(one(text).placeholder, true));
  }
  for (const text of ['10.0.0.1:8080', 'PM2019-009', 'v1.2:30', 'ratio 3:1', 'port :443', 'abc12:30']) {
    it(`not a time: ${text}`, () => assert.deepEqual(scanTimes(text), []));
  }
  it('spans are offsets into the document', () => {
    const text = 'From 12:21pm to 16:04pm';
    const tokens = scanTimes(text, 100);
    assert.deepEqual(
      tokens.map((t) => [t.span.start, t.span.end]),
      [
        [105, 112],
        [116, 123],
      ],
    );
  });
  it('windows with an en dash keep both ends', () => {
    const tokens = scanTimes('2019-02-25 23:04–2019-02-26 08:12');
    assert.equal(tokens.length, 2);
    assert.equal(tokens[1].date?.day, 26);
  });
});

describe('leadingTime', () => {
  it('finds a time after brackets, bullets and emphasis', () => {
    assert.equal(leadingTime('[16:04] rolled back')?.text, '16:04');
    assert.equal(leadingTime('**16:58 UTC** - flags down')?.text, '16:58 UTC');
    assert.equal(leadingTime('2:54 PM PST: paged')?.text, '2:54 PM PST');
  });
  it('ignores a time later in the text', () => {
    assert.equal(leadingTime('We paged at 14:00'), undefined);
  });
});

describe('formatDuration', () => {
  it('formats minutes, hours and days', () => {
    assert.equal(formatDuration(40), '40 min');
    assert.equal(formatDuration(142), '2 h 22 min');
    assert.equal(formatDuration(60 * 24 * 2 + 60), '2 days 1 h');
    assert.equal(formatDuration(0), '0 min');
  });
});
