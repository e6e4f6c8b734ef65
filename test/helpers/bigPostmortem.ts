import { defaultConfig } from '../../server/src/core/config';

/**
 * A post-mortem just under the default maxFileSizeBytes whose timeline is a pipe table or a bullet
 * list of thousands of lines (~11,000 at 512 KiB), the shapes long incident timelines take. The
 * same text every time; a few entries are wrong on purpose (out of order, an impossible time) so
 * it has findings.
 */
export const BIG_POSTMORTEM_BYTES = defaultConfig().maxFileSizeBytes - 4096;

export function bigPostmortem(timeline: 'table' | 'list', bytes = BIG_POSTMORTEM_BYTES): string {
  const head =
    '# Post-mortem: certificate expiry on the API gateway\n\n## Summary\n\nThe gateway certificate expired and every HTTPS request failed.\n\n' +
    '## Impact\n\nAll API traffic failed from 10:00 to 14:00 UTC (~4 hours).\n\n## Timeline\n\nAll times in UTC.\n\n' +
    (timeline === 'table' ? '| Time | Event |\n| --- | --- |\n' : '');
  const tail = '\n## Root Cause\n\nThe renewal job had been failing silently.\n\n## Action Items\n\n| Action | Owner | Status |\n| --- | --- | --- |\n| Alert on renewal failures (OPS-101) | sre | Open |\n';
  const lines: string[] = [];
  let size = head.length + tail.length;
  for (let i = 0; ; i++) {
    // One entry a minute or so from 10:00 on 2026-03-02, spread over the days that takes.
    const minutes = 600 + Math.floor(i / 3) - (i === 5000 ? 90 : 0);
    const day = 2 + Math.floor(minutes / 1440);
    const clock = `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const time = i === 7 ? '25:10' : clock;
    const stamp = `2026-03-${String(day).padStart(2, '0')} ${time}`;
    const event = `host web-${i % 97} check ${i % 5 === 0 ? 'failed' : 'ok'}`;
    const line = timeline === 'table' ? `| ${stamp} | ${event} |\n` : `- ${stamp} ${event}\n`;
    if (size + line.length > bytes) break;
    lines.push(line);
    size += line.length;
  }
  return head + lines.join('') + tail;
}
