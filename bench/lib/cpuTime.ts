/**
 * CPU time of a whole process (user + system) from /usr/bin/time, which moves less with the
 * machine's load than wall time. Where there is no /usr/bin/time the figures go without it.
 */
import { existsSync, readFileSync } from 'node:fs';

const TIME = '/usr/bin/time';

/** Whether CPU times can be taken here. */
export const canTimeCpu = (): boolean => existsSync(TIME);

/** `node ...args`, run under /usr/bin/time writing to `cpuFile` when one is given. */
export function nodeCommand(args: string[], cpuFile?: string): [string, string[]] {
  return cpuFile ? [TIME, ['-f', '%U %S', '-o', cpuFile, process.execPath, ...args]] : [process.execPath, args];
}

/** The CPU milliseconds /usr/bin/time wrote to `cpuFile`, if one was given. */
export function cpuMsFrom(cpuFile?: string): number | undefined {
  if (!cpuFile) return undefined;
  // The last line: /usr/bin/time writes "Command exited with non-zero status 1" before it.
  const [user, system] = readFileSync(cpuFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return (user + system) * 1000;
}
