/**
 * CPU time of the editor's processes, from /proc (Linux): the language server and the extension
 * host in code-server's process group, and the workbench page's renderer process (Chromium's own
 * count, through the DevTools protocol). Wall-clock figures on a shared machine move with its
 * load; CPU time says where the work went whatever the load. (The page's TaskDuration, used
 * before, is the main thread's time inside tasks, descheduled time included: it grew with the load.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;
/** Milliseconds of one such tick. */
export const TICK_MS = 1000 / TICKS_PER_SECOND;

export interface CpuSample {
  /** Milliseconds of CPU, per part. */
  server: number;
  extensionHost: number;
  /** The workbench page's renderer process (main thread, compositor, workers). */
  page: number;
}

/** Every process's CPU ticks so far (user + system) and its process group, from /proc/<pid>/stat. */
export function processTicks(): { pid: number; group: number; ticks: number }[] {
  const out: { pid: number; group: number; ticks: number }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces and parentheses).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(name), group: Number(fields[2]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** A process's command line, spaces between its arguments ('' once it is gone). */
export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

function processesOf(group: number): { pid: number; ticks: number; cmdline: string }[] {
  return processTicks()
    .filter((p) => p.group === group)
    .map((p) => ({ pid: p.pid, ticks: p.ticks, cmdline: commandOf(p.pid) }));
}

export class CpuMeter {
  private constructor(
    private readonly group: number,
    private readonly cdp: CDPSession,
  ) {}

  static async attach(page: Page, group: number): Promise<CpuMeter> {
    const browser = page.context().browser();
    if (!browser) throw new Error('CpuMeter: the page has no browser to ask for its processes');
    return new CpuMeter(group, await browser.newBrowserCDPSession());
  }

  async sample(): Promise<CpuSample> {
    let server = 0;
    let extensionHost = 0;
    for (const p of processesOf(this.group)) {
      const ms = (p.ticks / TICKS_PER_SECOND) * 1000;
      if (/dist\/server\.js/.test(p.cmdline)) server += ms;
      else if (/--type=extensionHost/.test(p.cmdline)) extensionHost += ms;
    }
    // One workbench page per browser here, so its renderers are the page's.
    const { processInfo } = (await this.cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; cpuTime: number }[] };
    const page = processInfo.filter((p) => p.type === 'renderer').reduce((sum, p) => sum + p.cpuTime, 0);
    return { server, extensionHost, page: page * 1000 };
  }

  /** What `body` cost each part. */
  async measure<T>(body: () => Promise<T>): Promise<{ value: T; cpu: CpuSample }> {
    const before = await this.sample();
    const value = await body();
    const after = await this.sample();
    return { value, cpu: { server: after.server - before.server, extensionHost: after.extensionHost - before.extensionHost, page: after.page - before.page } };
  }
}
