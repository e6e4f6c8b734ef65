/**
 * Every process's CPU time, sampled from /proc every 50 ms (Linux; processCpu.ts reads it): what
 * the machine's cores were busy with during a window, by process, for the keystroke timeline
 * (TL_TOP). A diagnostic only.
 */
import { commandOf, processTicks, TICK_MS } from './processCpu';

interface Sample {
  t: number;
  ticks: Map<number, number>;
}

export class ProcCpu {
  private readonly samples: Sample[] = [];
  private readonly commands = new Map<number, string>();
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 50) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.sample();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** CPU milliseconds per process label between two epoch times, most first. */
  window(from: number, to: number): [string, number][] {
    const inside = this.samples.filter((s) => s.t >= from && s.t <= to);
    if (inside.length < 2) return [];
    const [first, last] = [inside[0], inside[inside.length - 1]];
    const byLabel = new Map<string, number>();
    for (const [pid, ticks] of last.ticks) {
      const spent = (ticks - (first.ticks.get(pid) ?? 0)) * TICK_MS;
      const label = labelOf(this.commands.get(pid) ?? '?');
      if (spent > 0) byLabel.set(label, (byLabel.get(label) ?? 0) + spent);
    }
    return [...byLabel].sort((a, b) => b[1] - a[1]);
  }

  private sample(): void {
    const ticks = new Map<number, number>();
    for (const p of processTicks()) {
      ticks.set(p.pid, p.ticks);
      if (!this.commands.has(p.pid)) this.commands.set(p.pid, commandOf(p.pid));
    }
    this.samples.push({ t: Date.now(), ticks });
  }
}

function labelOf(command: string): string {
  if (command.includes('--type=renderer') || command.includes('--type=zygote')) return 'page (renderer)';
  if (command.includes('--type=gpu')) return 'chromium gpu';
  if (command.includes('--type=utility')) return 'chromium utility';
  if (/chrom/.test(command) && !command.includes('--type=')) return 'chromium browser';
  if (command.includes('dist/server.js')) return 'incident-docs server';
  if (command.includes('--type=extensionHost')) return 'extension host';
  if (/markdown-language-features/.test(command)) return 'markdown language server';
  if (command.includes('code-server')) return `code-server${command.includes('bootstrap-fork') ? ' (fork)' : ''}`;
  return command.split(' ')[0].split('/').pop() || '?';
}
