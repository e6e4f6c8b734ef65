/**
 * inEmptySection (postmortem/emptiness.ts) answers by a binary search over the empty sections,
 * which rules ask for every node, row and item: it must say what a scan of them all says.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { defaultConfig } from '../../../server/src/core/config';
import { emptySections, inEmptySection } from '../../../server/src/core/postmortem/emptiness';
import { buildPostmortemModel } from '../../../server/src/core/postmortem/model';

const TEMPLATES = join(__dirname, '..', '..', 'fixtures', 'templates');

/** A filled-in report around a template's empty sections, and empty sections nested in full ones. */
const MIXED = `# Post-mortem: cache stampede

## Summary

The cache expired at once and the database fell over.

## Impact

## Timeline

| Time | Event |
| --- | --- |
| | |

## Root cause

### Contributing factors

### Trigger

A deploy flushed every key.

## Action items
`;

test('inEmptySection agrees with a scan of the empty sections, on templates and a half-filled report', () => {
  const texts = [MIXED, ...['PostHog__post-mortems__investigations-template.md', 'dfds__postmortems__PMyyyy-nnn_Postmortem-template.md'].map((f) => readFileSync(join(TEMPLATES, f), 'utf8'))];
  let inside = 0;
  for (const text of texts) {
    const model = buildPostmortemModel({ path: '/repo/postmortems/2026-03-02-x.md', text }, defaultConfig());
    const sections = emptySections(model);
    assert.ok(sections.length > 0, 'the text has empty sections');
    fc.assert(
      fc.property(fc.nat({ max: text.length }), fc.nat({ max: 400 }), (start, length) => {
        const span = { start, end: Math.min(text.length, start + length) };
        const scanned = sections.some((s) => span.start >= s.span.start && span.end <= s.span.end);
        if (scanned) inside++;
        assert.equal(inEmptySection(model, span), scanned, JSON.stringify(span));
      }),
      { numRuns: 400, seed: 31 },
    );
    for (const s of sections) assert.ok(inEmptySection(model, s.span) && !inEmptySection(model, { start: s.span.start, end: s.span.end + 1 }) || s.span.end === text.length);
  }
  assert.ok(inside > 50, `only ${inside} spans fell inside an empty section`);
});
