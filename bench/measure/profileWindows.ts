/** CPU profiles (V8's `.cpuprofile`, the page's over CDP) read as self time per function in a window of the timeline. */
import type { Page } from 'playwright-core';

export interface Profile {
  startTime: number;
  endTime: number;
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function of the samples between `from` and `to` (epoch ms); `offset` maps the profile's clock (µs) to epoch. */
export function selfTimes(profile: Profile, offset: number, from: number, to: number): { name: string; ms: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const at = offset + t / 1000;
    if (at < from || at > to) continue;
    const f = byId.get(profile.samples[i])?.callFrame;
    if (!f) continue;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  }
  return [...totals].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}

/** A page's profile and the offset that maps its clock (µs) to epoch ms. */
export interface PageProfile {
  profile: Profile;
  offset: number;
}

/** Starts profiling the page's renderer (0.5 ms samples); the function returned stops it. */
export async function profilePage(page: Page): Promise<() => Promise<PageProfile>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return async () => {
    // The profile counts in the renderer's monotonic clock: its end is placed at the page's "now" taken just before.
    const end = Number(await page.evaluate('performance.timeOrigin + performance.now()'));
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    return { profile, offset: end - profile.endTime / 1000 };
  };
}
