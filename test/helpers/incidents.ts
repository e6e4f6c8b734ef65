/**
 * Post-mortems written from a few facts, for the report's tests: front matter, the default
 * template's eight sections, an Impact window, a timeline and action items. A test states the
 * record it expects from the facts it chose, by hand.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface ActionItemSpec {
  text: string;
  done?: boolean;
  ticket?: string;
}

export interface IncidentSpec {
  title: string;
  date?: string;
  severity?: string;
  status?: string;
  /** `incident:` times in the front matter, as written. */
  incident?: Partial<Record<'started' | 'detected' | 'acknowledged' | 'mitigated' | 'resolved', string>>;
  /** Front matter `tickets`. */
  tickets?: string[];
  /** The Impact section's text (a window like "10:00 to 12:30 UTC"). */
  impact?: string;
  /** Timeline rows, `| time | event |`; by default one row that is consistent with no window. */
  timeline?: [string, string][];
  actionItems?: ActionItemSpec[];
  /** Extra lines of front matter, as written (hostile keys and values). */
  frontMatter?: string;
}

export function postmortemText(spec: IncidentSpec): string {
  const front: string[] = [`title: ${JSON.stringify(spec.title)}`];
  if (spec.date) front.push(`date: ${spec.date}`);
  if (spec.severity) front.push(`severity: ${JSON.stringify(spec.severity)}`);
  if (spec.status) front.push(`status: ${spec.status}`);
  if (spec.incident) {
    front.push('incident:');
    for (const [key, value] of Object.entries(spec.incident)) front.push(`  ${key}: ${value}`);
  }
  if (spec.tickets) front.push(`tickets: [${spec.tickets.map((t) => JSON.stringify(t)).join(', ')}]`);
  if (spec.frontMatter) front.push(spec.frontMatter);
  const timeline = spec.timeline ?? [['10:00', 'Deploy of the new gateway configuration starts']];
  const items = spec.actionItems ?? [];
  return [
    '---',
    ...front,
    '---',
    '',
    `# Post-mortem: ${spec.title.replace(/[\r\n]+/g, ' ')}`,
    '',
    '## Overview',
    '',
    'A configuration change made the gateway refuse requests.',
    '',
    '## Contributing Factors',
    '',
    'The change was not tested against production traffic.',
    '',
    '## Resolution',
    '',
    'The change was reverted.',
    '',
    '## Impact',
    '',
    spec.impact ?? 'Some requests failed.',
    '',
    '## Timeline',
    '',
    '| Time (UTC) | Event |',
    '| --- | --- |',
    ...timeline.map(([time, event]) => `| ${time} | ${event} |`),
    '',
    "## How'd We Do?",
    '',
    'Detection was quick; the rollback took too long.',
    '',
    '## Action Items',
    '',
    ...(items.length
      ? ['| Action Item | Status |', '| --- | --- |', ...items.map((i) => `| ${i.text}${i.ticket ? ` (${i.ticket})` : ''} | ${i.done ? 'Done' : 'Open'} |`)]
      : ['None.']),
    '',
    '## Messaging',
    '',
    'Status page updated at the start and the end.',
    '',
  ].join('\n');
}

/** A fresh folder holding the files (relative paths); removed when the process exits. */
export function incidentFolder(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'incident-docs-report-')));
  for (const [name, text] of Object.entries(files)) {
    const target = path.join(root, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  process.on('exit', () => fs.rmSync(root, { recursive: true, force: true }));
  return root;
}

const SEVERITY_MIX = ['SEV1', 'SEV2', 'SEV2', 'SEV3', 'SEV3', 'SEV3', 'SEV4'];
const STATUSES = ['published', 'published', 'reviewed', 'in-review', 'draft'];
const WHAT = ['API gateway', 'certificate renewal', 'database failover', 'queue backlog', 'DNS change', 'login service', 'search index', 'payment webhooks'];

/**
 * `count` varied post-mortems over about 14 months from `firstDay`: every severity, front-matter
 * times for the four durations, an Impact window, action items open and closed, with and without
 * tickets, and a few problems for the linter. The same seed gives the same files.
 */
export function sampleIncidents(count: number, seed = 1, firstDay = '2025-10-01'): Map<string, string> {
  const random = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const files = new Map<string, string>();
  const first = Date.parse(`${firstDay}T00:00:00Z`);
  for (let i = 0; i < count; i++) {
    const day = new Date(first + Math.floor((i * 420) / Math.max(count, 1) + int(0, 3)) * 86_400_000).toISOString().slice(0, 10);
    const start = int(1, 11) * 60 + int(0, 59);
    const detect = int(2, 50);
    const ack = detect + int(1, 15);
    const mitigate = ack + int(10, 120);
    const resolve = mitigate + int(5, 200);
    const at = (minutes: number) => `${day}T${clock(start + minutes)}:00Z`;
    const items: ActionItemSpec[] = [];
    for (let k = int(0, 5); k > 0; k--) {
      items.push({ text: `${['Alert on', 'Add a runbook for', 'Test', 'Automate'][int(0, 3)]} the ${WHAT[int(0, WHAT.length - 1)]} step ${k}`, done: random() < 0.45, ticket: random() < 0.8 ? `OPS-${1000 + i * 10 + k}` : undefined });
    }
    const what = WHAT[i % WHAT.length];
    files.set(
      `postmortems/${day}-${String(i).padStart(5, '0')}.md`,
      postmortemText({
        title: `${what} outage ${i + 1}`,
        date: day,
        severity: SEVERITY_MIX[int(0, SEVERITY_MIX.length - 1)],
        status: STATUSES[int(0, STATUSES.length - 1)],
        incident: { started: at(0), detected: at(detect), acknowledged: at(ack), mitigated: at(mitigate), resolved: at(resolve) },
        impact: `Requests to the ${what} failed from ${clock(start)} to ${clock(start + resolve)} UTC.`,
        timeline: [
          [clock(start), `A change to the ${what} is deployed`],
          [clock(start + detect), 'The on-call engineer is paged'],
          [clock(start + mitigate), 'The change is rolled back'],
          // Every fifth one writes a time that cannot exist: pm/invalid-time.
          [i % 5 === 4 ? '25:10' : clock(start + resolve), 'Error rates are back to normal, resolved'],
        ],
        actionItems: items,
      }),
    );
  }
  return files;
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A seeded PRNG (mulberry32). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    let t = (state += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
