/** A seeded PRNG (mulberry32): the same seed gives the same inputs on every machine. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A sentence of `words` words from the vocabulary. */
  sentence(words: number): string {
    const out: string[] = [];
    for (let i = 0; i < words; i++) out.push(this.pick(VOCABULARY));
    const s = out.join(' ');
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  }
}

const VOCABULARY = (
  'the gateway certificate expired clients failed handshake renewal request load balancer reloaded ' +
  'on-call engineer paged dashboard latency errors rose database replica lag queue backlog drained ' +
  'traffic shifted region rollback deploy canary config flag disabled enabled alert fired monitor ' +
  'customers uploads failed retried succeeded mitigation applied team investigated root cause found ' +
  'runbook followed escalation vendor contacted status page updated cache invalidated dns record'
).split(' ');
