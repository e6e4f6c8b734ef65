/**
 * A post-mortem of about `bytes` bytes, shaped like the long ones found in the wild: an HTML
 * timeline table and a pipe-table timeline (thousands of rows), many action items and prose.
 * A few deliberate problems (an impossible time, empty rows, an entry out of order, a missing
 * ticket) keep every rule busy.
 */
import { Random } from '../lib/random';

export function postmortem(bytes: number, seed = 1): string {
  // The row budgets are estimates: one trial run calibrates them so the size is close to `bytes`.
  const trial = build(bytes, seed).length;
  return build(Math.round((bytes * bytes) / trial), seed);
}

/**
 * P1b's table-heavy post-mortem (issue #19): the sections of a short post-mortem around one
 * pipe-table timeline that holds nearly all of its `bytes` (0.87 MB: about 7,300 rows of ~120
 * bytes, the size of the long timelines found in the wild), with the same deliberate problems.
 */
export function tablePostmortem(bytes: number, seed = 3): string {
  const make = (rows: number) => {
    const r = new Random(seed);
    return (
      '# Post-mortem: API gateway certificate expiry\n\n## Overview\n\n' + prose(r, 1) +
      '## Impact\n\nAll HTTPS requests failed from 10:00 to 14:00 (~4 hours).\n\n## Timeline\n\nAll times in UTC.\n\n' +
      pipeTimeline(r, rows, { minutes: 10 * 60 }, [9, 15]) +
      '\n## Action Items\n\n' + actionItems(r, 6)
    );
  };
  const trial = make(1000).length;
  return make(Math.round((1000 * bytes) / trial));
}

function build(bytes: number, seed: number): string {
  const r = new Random(seed);
  const parts: string[] = [];
  parts.push('---\ntitle: Post-mortem - API gateway certificate expiry\ndate: 2026-03-03\n---\n');
  parts.push('# Post-mortem: API gateway certificate expiry\n\n');
  parts.push('## Overview\n\n' + prose(r, Math.max(1, Math.round(bytes * 0.04 / 600))));
  parts.push('## Contributing Factors\n\n' + bullets(r, 8) + '\n');
  parts.push('## Resolution\n\n' + prose(r, 2));
  parts.push('## Impact\n\n| Time in SEV-1 | ~4 hours (10:00 to 14:00) |\n| --- | --- |\n| Requests failed | All HTTPS requests |\n\n');
  // Budget: 35% HTML timeline, 35% pipe timeline, 16% action items, the rest prose.
  const rowsHtml = Math.max(4, Math.round((bytes * 0.35) / 130));
  const rowsPipe = Math.max(4, Math.round((bytes * 0.35) / 95));
  const clock = { minutes: 10 * 60 };
  parts.push('## Timeline\n\nAll times in UTC.\n\n');
  parts.push(htmlTimeline(r, rowsHtml, clock));
  parts.push('\n### Follow-up timeline\n\n');
  parts.push(pipeTimeline(r, rowsPipe, clock));
  parts.push("\n## How'd We Do?\n\n" + prose(r, Math.max(1, Math.round(bytes * 0.06 / 600))));
  parts.push('## Action Items\n\n' + actionItems(r, Math.max(4, Math.round((bytes * 0.16) / 110))));
  parts.push('\n## Messaging\n\n### Internal Email\n\n' + prose(r, Math.max(1, Math.round(bytes * 0.03 / 600))));
  parts.push('### External Email\n\n{{ status page text }}\n');
  return parts.join('');
}

function prose(r: Random, paragraphs: number): string {
  let out = '';
  for (let p = 0; p < paragraphs; p++) {
    const sentences: string[] = [];
    for (let s = 0; s < 6; s++) sentences.push(r.sentence(r.int(8, 16)));
    // Wrapped at ~100 columns, with some inline markup, like hand-written Markdown.
    out += wrap(sentences.join(' ').replace(/ (gateway|certificate) /, ' **$1** ').replace(/ (runbook) /, ' [$1](https://wiki.example.com/runbook) ')) + '\n\n';
  }
  return out;
}

function wrap(text: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line.length + word.length > 100) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

function bullets(r: Random, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += `- ${r.sentence(r.int(6, 12))}\n`;
  return out;
}

function stamp(minutes: number): string {
  const day = 2 + Math.floor(minutes / 1440);
  const m = minutes % 1440;
  const d = new Date(Date.UTC(2026, 2, day));
  return `${d.toISOString().slice(0, 10)} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function htmlTimeline(r: Random, rows: number, clock: { minutes: number }): string {
  let out = '<table>\n<thead>\n<tr><th>Time (UTC)</th><th>Event</th></tr>\n</thead>\n<tbody>\n';
  for (let i = 0; i < rows; i++) {
    clock.minutes += r.int(1, 4);
    let time = stamp(clock.minutes);
    if (i === 7) time = time.replace(/\d\d:\d\d$/, '25:10'); // an impossible time
    const link = r.chance(0.2) ? ` <a href="https://status.example.com/${i}">status</a>` : '';
    out += `<tr><td>${time}</td><td>${r.sentence(r.int(6, 11))}${link}</td></tr>\n`;
  }
  return out + '</tbody>\n</table>\n';
}

function pipeTimeline(r: Random, rows: number, clock: { minutes: number }, words: [number, number] = [6, 11]): string {
  let out = '| Time (UTC) | Event |\n| --- | --- |\n';
  for (let i = 0; i < rows; i++) {
    clock.minutes += r.int(1, 4);
    const minutes = i === 11 ? clock.minutes - 90 : clock.minutes; // one entry out of order
    if (i === 23) {
      out += '|  |  |\n'; // an empty row
      continue;
    }
    out += `| ${stamp(minutes)} | ${r.sentence(r.int(words[0], words[1]))} |\n`;
  }
  return out;
}

function actionItems(r: Random, rows: number): string {
  let out = '| Action Item | Owner | Status |\n| --- | --- | --- |\n';
  for (let i = 0; i < rows; i++) {
    const ticket = r.chance(0.9) ? ` (OPS-${1000 + i})` : '';
    const status = r.chance(0.85) ? r.pick(['Done', 'In progress', 'Open']) : '';
    out += `| ${r.sentence(r.int(5, 9)).slice(0, -1)}${ticket} | team-${r.int(1, 20)} | ${status} |\n`;
  }
  return out;
}
