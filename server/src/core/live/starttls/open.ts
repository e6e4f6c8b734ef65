/**
 * The plaintext part of a STARTTLS probe: connect, speak the protocol's dialogue, and hand the
 * socket over for the TLS handshake, all within the probe's timeout (the handshake gets what is
 * left of it). Every way this ends before TLS is a ProbeFailure, settled once the socket is closed.
 */
import { connect, type LookupFunction, type Socket } from 'node:net';
import { formatHostPort, isIpLiteral } from '../../../../../contract/src/hostPort';
import { startTlsLabel, type StartTlsProtocol } from '../../../../../contract/src/tlsScheme';
import { classifyProbeError, failure, stageTimeoutMessage } from '../errors';
import type { ProbeFailure } from '../types';
import { MAX_LINE_BYTES, MAX_PLAINTEXT_BYTES } from './conversation';
import { STARTTLS_DIALOGUES } from './index';

export interface PlainTarget {
  host: string;
  port: number;
  /** SNI; null for IP literals. */
  sni: string | null;
  timeoutMs: number;
  lookup: LookupFunction | undefined;
}

/** 'waiting': connected, the protocol's dialogue under way. */
type Stage = 'resolving' | 'connecting' | 'waiting';

/** Resolves with the connected socket once the server has agreed to TLS, or with why not. */
export function openStartTls(target: PlainTarget, protocol: StartTlsProtocol): Promise<Socket | ProbeFailure> {
  const shown = formatHostPort(target.host, target.port);
  const label = startTlsLabel(protocol);
  return new Promise((resolve) => {
    let stage: Stage = isIpLiteral(target.host) ? 'connecting' : 'resolving';
    let settled = false;
    let socket: Socket | undefined;
    const finish = (outcome: Socket | ProbeFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (outcome === socket) {
        socket.removeListener('error', fail);
        socket.removeListener('close', closed);
        // The handshake listens on the TLS socket; an error the plain one still emits must not crash the process.
        socket.on('error', () => {});
        resolve(outcome);
        return;
      }
      // As in the handshake: settle once the socket is closed, so a bound on probes bounds connections.
      if (!socket || socket.closed) {
        resolve(outcome);
        return;
      }
      socket.once('close', () => resolve(outcome));
      socket.destroy();
    };
    const timer = setTimeout(() => finish(failure('timeout', stageTimeoutMessage(stage, target.timeoutMs, target.host, shown, `the ${label} dialogue did not finish (a port that speaks implicit TLS waits silently for a handshake)`))), target.timeoutMs);
    const fail = (e: unknown) => finish(classifyProbeError(e, shown, target.host));
    const closed = () => finish(failure('reset', `${shown} closed the connection before the ${label} dialogue finished.`));
    try {
      socket = connect({ host: target.host, port: target.port, lookup: target.lookup });
    } catch (e) {
      fail(e);
      return;
    }
    const plain = socket;
    plain.on('error', fail);
    plain.once('close', closed);
    plain.once('lookup', (e: Error | null) => {
      if (!e) stage = 'connecting';
    });
    plain.once('connect', () => {
      stage = 'waiting';
      const bounds = { target: shown, serverName: target.sni ?? target.host, maxBytes: MAX_PLAINTEXT_BYTES, maxLineBytes: MAX_LINE_BYTES };
      STARTTLS_DIALOGUES[protocol](plain, bounds).then(
        (refusal) => finish(refusal ?? plain),
        (e: unknown) => finish(failure('protocol', `${shown}: the ${label} dialogue failed: ${(e as Error).message}`)),
      );
    });
  });
}
