/**
 * A TCP proxy on loopback that adds network latency: every chunk, in either direction, is held
 * `oneWayMs` before it is passed on, so a TLS handshake through it costs the round trips it
 * would cost over a real network. One listening port per endpoint (the inventory names each
 * endpoint by its port), all forwarding to one backend. Bounded: a connection that has more than
 * `maxHeldBytes` in flight is dropped, and the proxy counts the connections it holds open, which
 * is where a prober's concurrency bound shows.
 */
import * as net from 'node:net';

export interface LatencyProxy {
  ports: number[];
  counters: { open: number; maxOpen: number; accepted: number; dropped: number; heldMs: number[] };
  /** Starts counting afresh (between runs). */
  reset(): void;
  close(): Promise<void>;
}

export interface ProxyOptions {
  endpoints: number;
  backend: { host: string; port: number };
  oneWayMs: number;
  /** Bytes held in one direction of one connection before it is dropped (a handshake is a few KB). */
  maxHeldBytes?: number;
}

export async function startLatencyProxy(options: ProxyOptions): Promise<LatencyProxy> {
  const maxHeld = options.maxHeldBytes ?? 256 * 1024;
  const counters = { open: 0, maxOpen: 0, accepted: 0, dropped: 0, heldMs: [] as number[] };
  const sockets = new Set<net.Socket>();
  const servers: net.Server[] = [];
  const ports: number[] = [];

  const onConnection = (client: net.Socket) => {
    const accepted = performance.now();
    counters.accepted++;
    // The prober's close of its previous connection reaches the kernel before its next SYN, but
    // one poll of the event loop may hand the accept to this process before the close. Counting
    // once the poll's events are all handled (setImmediate) and uncounting at the first sign of
    // the close ('end' or 'error', not the later 'close') orders them as the kernel did.
    let counted = false;
    let ended = false;
    setImmediate(() => {
      if (ended) return;
      counted = true;
      counters.open++;
      counters.maxOpen = Math.max(counters.maxOpen, counters.open);
    });
    const uncount = () => {
      if (ended) return;
      ended = true;
      counters.heldMs.push(performance.now() - accepted);
      if (counted) counters.open--;
    };
    client.once('end', uncount);
    client.once('error', uncount);
    const upstream = net.connect(options.backend.port, options.backend.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
    }
    const dropBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.once('close', () => {
      uncount();
      sockets.delete(client);
      // The other side ends after the same delay as the data before it.
      setTimeout(() => upstream.destroy(), options.oneWayMs);
    });
    upstream.once('close', () => {
      sockets.delete(upstream);
      setTimeout(() => client.destroy(), options.oneWayMs);
    });
    delayed(client, upstream, options.oneWayMs, maxHeld, () => {
      counters.dropped++;
      dropBoth();
    });
    delayed(upstream, client, options.oneWayMs, maxHeld, () => {
      counters.dropped++;
      dropBoth();
    });
  };

  for (let i = 0; i < options.endpoints; i++) {
    const server = net.createServer(onConnection);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    ports.push((server.address() as net.AddressInfo).port);
    servers.push(server);
  }

  return {
    ports,
    counters,
    reset() {
      counters.maxOpen = counters.open;
      counters.accepted = 0;
      counters.dropped = 0;
      counters.heldMs = [];
    },
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}

/**
 * Passes `from`'s data to `to` after `delayMs`. Timers of one duration fire in the order they were
 * set, so chunks keep their order, and the end follows the last chunk.
 */
function delayed(from: net.Socket, to: net.Socket, delayMs: number, maxHeld: number, overflow: () => void): void {
  let held = 0;
  from.on('data', (chunk: Buffer) => {
    held += chunk.length;
    if (held > maxHeld) return overflow();
    setTimeout(() => {
      held -= chunk.length;
      if (!to.destroyed) to.write(chunk);
    }, delayMs);
  });
  from.once('end', () => setTimeout(() => !to.destroyed && to.end(), delayMs));
}
