/**
 * A folder of `count` post-mortems for the report's figure: the varied ones of the report's tests
 * (front matter, times, Impact windows, action items, a few problems), each with a few paragraphs
 * of prose in its Overview so sizes are like real ones (1.5-5 KB).
 */
import { sampleIncidents } from '../../test/helpers/incidents';
import { Random } from '../lib/random';

export function incidentFiles(count: number, seed = 5): Map<string, string> {
  const r = new Random(seed);
  const out = new Map<string, string>();
  for (const [name, text] of sampleIncidents(count, seed)) {
    const paragraphs = Array.from({ length: r.int(1, 6) }, () => Array.from({ length: 5 }, () => r.sentence(r.int(8, 16))).join(' '));
    out.set(name, text.replace('## Overview\n\n', `## Overview\n\n${paragraphs.join('\n\n')}\n\n`));
  }
  return out;
}
