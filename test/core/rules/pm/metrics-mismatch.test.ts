import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Finding } from '../../../../server/src/core/types';
import { byRule, covered, lintPostmortem } from '../../../helpers/lint';

const rule = 'pm/metrics-mismatch';
const FIXTURES = 'test/fixtures/postmortems';
const KIAM = readFileSync(`${FIXTURES}/dfds__postmortems__PM2020-002_KIAM-service-disruption-on-Hellman.md`, 'utf8');

/** 1-based `line:column text` of each finding of the rule. */
function found(text: string, values: Record<string, unknown> = {}): string[] {
  return byRule(lintPostmortem(text, values), rule).map((f: Finding) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${covered(text, f)}`);
}

function messages(text: string, values: Record<string, unknown> = {}): string[] {
  return byRule(lintPostmortem(text, values), rule).map((f) => f.message);
}

/** Each finding's related notes, as the Problems panel lists them under it. */
function relatedNotes(text: string): string[][] {
  return byRule(lintPostmortem(text), rule).map((f) => (f.related ?? []).map((r) => r.message));
}

/** KIAM with tags on two of its rows. */
function tagKiam(detectedRow: string, resolvedRow = 'New certificates generated, service restored'): string {
  return KIAM.replace(`| ${detectedRow}`, `| [detected] ${detectedRow}`).replace(`| ${resolvedRow}`, `| [resolved] ${resolvedRow}`);
}

const FRONT = (fields: Record<string, string>) => `---\ntitle: KIAM post-mortem\nincident:\n${Object.entries(fields).map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n---\n`;

describe(rule, () => {
  it('dfds KIAM as written: its stated 54 and 148 minutes agree with nothing tagged, so nothing to report', () => {
    assert.deepEqual(found(KIAM), []);
  });

  it('KIAM tagged where the authors measured: stated and tagged agree', () => {
    assert.deepEqual(found(tagKiam('First alert regarding KIAM server pods crash-looping')), []);
  });

  it('KIAM tagged at the first alert (16:02): the stated 54 minutes is reported at the stated line, not at the entry', () => {
    const text = tagKiam('First alert indicating a problem');
    assert.deepEqual(found(text), ['41:22 54 minutes']);
    assert.deepEqual(messages(text), [
      '“Time to detection: 54 minutes” says 54 min, but the entry at 2020-01-21 16:02 tagged [detected] is 26 min after the start (the first timeline entry at 2020-01-21 15:36): 28 min apart.',
    ]);
    const [f] = byRule(lintPostmortem(text), rule);
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.related?.map((r) => [r.range.start.line + 1, r.message]), [[16, 'Tagged [detected]']]);
  });

  it('the tolerance is a setting', () => {
    const text = tagKiam('First alert indicating a problem');
    assert.deepEqual(found(text, { metricsToleranceMinutes: 30 }), []);
    assert.deepEqual(found(text, { metricsToleranceMinutes: 27 }), ['41:22 54 minutes']);
  });

  it('a front-matter time against the tagged entry: reported at the entry, once (the stated line that agrees with neither is the same fact)', () => {
    const text = FRONT({ started: '2020-01-21T15:36:00+01:00', detected: '2020-01-21T16:30:00+01:00', resolved: '2020-01-21T17:04:00Z' }) + tagKiam('First alert indicating a problem');
    assert.deepEqual(found(text), ['23:3 2020-01-21 16:02']);
    assert.match(messages(text)[0], /^This entry is tagged \[detected\] at 2020-01-21 16:02, 26 min after the start \(incident\.started 2020-01-21T15:36:00\+01:00\), but the front matter's “incident\.detected: 2020-01-21T16:30:00\+01:00” is 54 min after it: 28 min apart\.$/);
  });

  it('a stated duration against the front matter when no entry is tagged', () => {
    const text = FRONT({ started: '2020-01-21T15:36:00+01:00', resolved: '2020-01-21T16:04:00+01:00' }) + KIAM;
    assert.deepEqual(found(text), ['48:21 148 minutes']);
  });

  it('incident.started against an entry tagged [started]', () => {
    const text = FRONT({ started: '2020-01-21T15:00:00+01:00' }) + KIAM.replace('| Certificate for KIAM', '| [started] Certificate for KIAM');
    assert.deepEqual(found(text), ['20:3 2020-01-21 15:36']);
    assert.match(messages(text)[0], /tagged \[started\] at 2020-01-21 15:36, but incident\.started in the front matter is 2020-01-21T15:00:00\+01:00: 36 min apart/);
    assert.deepEqual(relatedNotes(text), [['`incident.started` in the front matter']]);
  });

  it('times out of order: the fewest that break the order are reported, at their front-matter values', () => {
    const text = FRONT({
      started: '2024-03-01T09:00:00Z',
      detected: '2024-03-01T09:10:00Z',
      acknowledged: '2024-03-01T09:05:00Z',
      mitigated: '2024-03-01T09:30:00Z',
      resolved: '2024-03-01T10:00:00Z',
    }) + '# Post-mortem\n';
    assert.deepEqual(found(text), ['6:17 2024-03-01T09:05:00Z']);
    assert.match(messages(text)[0], /^Acknowledged 5 min after the start \(the front matter's “incident\.acknowledged: 2024-03-01T09:05:00Z”\) comes before detected at 10 min/);
    assert.deepEqual(relatedNotes(text), [['Detected']]);
  });

  it('resolved before detected, from stated lines alone; a tie keeps the earlier moment', () => {
    assert.deepEqual(found('# Post-mortem\n\n- TTD: 30 min\n- TTR: 20 min\n'), ['4:8 20 min']);
  });

  it('a tagged moment before incident.started', () => {
    const text = FRONT({ started: '2024-03-01T09:00:00Z' }) + '## Timeline\n\nAll times in UTC.\n\n- 2024-03-01 08:30 [detected] alert\n';
    assert.deepEqual(found(text), ['10:3 2024-03-01 08:30']);
    assert.match(messages(text)[0], /^Detected 30 min before the incident started \(the entry at 2024-03-01 08:30 tagged \[detected\]; the start is incident\.started 2024-03-01T09:00:00Z\)\.$/);
    assert.deepEqual(relatedNotes(text), [['The start']]);
  });

  it('sources that differ may be the tolerance out of order; one source may not', () => {
    const mixed = '## Timeline\n\nAll times in UTC.\n\n- 10:00 errors\n- 10:30 [acknowledged] paged\n\nTTD: 35 min\n';
    assert.deepEqual(found(mixed), []);
    const same = '## Timeline\n\nAll times in UTC.\n\n- 10:00 errors\n- 10:35 [detected] alert\n- 10:30 [acknowledged] paged\n';
    assert.deepEqual(found(same), ['7:3 10:30']);
  });

  it('two lines stating one moment differently: the later one is reported, against the first', () => {
    const text = '# Post-mortem\n\n## Summary\n\nTTD: 5 min\n\n# Stats\n\n- Time to detection: 50 minutes\n';
    assert.deepEqual(found(text), ['9:22 50 minutes']);
    assert.deepEqual(messages(text), ['“Time to detection: 50 minutes” says 50 min, but “TTD: 5 min” says 5 min: 45 min apart.']);
  });

  it('says nothing about a moment stated in one place, or stated alike', () => {
    assert.deepEqual(found('# Post-mortem\n\nTTR: 2 hours\n'), []);
    const text = FRONT({ started: '2024-03-01T09:00:00Z', resolved: '2024-03-01T11:00:00Z' }) + '# Post-mortem\n\nTTR: 2 hours\n';
    assert.deepEqual(found(text), []);
  });

  it('no finding on any real post-mortem of the fixtures (none tags its timeline; the stated ones are in order)', () => {
    for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.md') && f !== 'LICENSE-NOTES.md')) {
      assert.deepEqual(found(readFileSync(`${FIXTURES}/${file}`, 'utf8')), [], file);
    }
  });
});
