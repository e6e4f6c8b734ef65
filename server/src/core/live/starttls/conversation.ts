/**
 * The plaintext part of a STARTTLS probe: what the server says is read through one bounded
 * buffer (a few KB in all, lines of bounded length), so a hostile or confused peer can neither
 * make the probe hold much memory nor keep it reading; the probe's one timer bounds the time.
 * Nothing here sends credentials: the dialogues only greet and ask for TLS.
 */
import type { Socket } from 'node:net';
import { quoteText } from '../../quote';
import { failure } from '../errors';
import type { ProbeErrorCode, ProbeFailure } from '../types';

export interface DialogueBounds {
  /** "host:port" as messages show it. */
  target: string;
  /** The name the client asks for where a protocol names its server (XMPP's `to`). */
  serverName: string;
  /** Bytes the server may send before TLS, in all. */
  maxBytes: number;
  /** Bytes one line may have, its end included. */
  maxLineBytes: number;
}

/** Speaks one protocol's plaintext part; resolves once TLS may start on the socket, or with why not. */
export type StartTlsDialogue = (socket: Socket, bounds: DialogueBounds) => Promise<void | ProbeFailure>;

export const MAX_PLAINTEXT_BYTES = 8 * 1024;
export const MAX_LINE_BYTES = 2 * 1024;

/** How a dialogue stops early: thrown inside it, returned by `dialogue()` as the probe's failure. */
export class DialogueFailure extends Error {
  constructor(readonly code: ProbeErrorCode, message: string) {
    super(message);
  }
}

/** The server's reply quoted in a message: one line, short, control characters escaped. */
export function quoteReply(text: string): string {
  return `"${quoteText(text, 100)}"`;
}

export class Conversation {
  private buffer: Buffer = Buffer.alloc(0);
  private received = 0;
  private ended: DialogueFailure | undefined;
  private wake: (() => void) | undefined;
  private readonly onData = (chunk: Buffer) => {
    this.received += chunk.length;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    if (this.received > this.bounds.maxBytes) {
      this.socket.pause();
      this.end(new DialogueFailure('protocol', `${this.bounds.target} sent more than ${this.bounds.maxBytes} bytes before TLS; no ${this.what} server says that much.`));
    }
    this.wake?.();
  };
  private readonly onClose = () => this.end(new DialogueFailure('reset', `${this.bounds.target} closed the connection during the ${this.what} dialogue, before TLS.`));

  constructor(
    readonly socket: Socket,
    readonly bounds: DialogueBounds,
    /** "SMTP", "LDAP": how messages name the protocol. */
    readonly what: string,
  ) {
    socket.on('data', this.onData);
    socket.once('close', this.onClose);
    // 'end' (the peer's FIN) comes before 'close', which waits for our side too.
    socket.once('end', this.onClose);
  }

  send(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** One line without its CR LF; a line longer than the bound is a protocol failure. */
  async line(): Promise<string> {
    for (;;) {
      const end = this.buffer.indexOf(0x0a);
      if (end >= 0 && end < this.bounds.maxLineBytes) {
        const text = this.buffer.subarray(0, end).toString('utf8').replace(/\r$/, '');
        this.buffer = this.buffer.subarray(end + 1);
        return text;
      }
      if (end >= this.bounds.maxLineBytes || (end < 0 && this.buffer.length >= this.bounds.maxLineBytes)) {
        throw new DialogueFailure('protocol', `${this.bounds.target} sent a line longer than ${this.bounds.maxLineBytes} bytes; that is not ${this.what}.`);
      }
      await this.more();
    }
  }

  /** Exactly `count` bytes. */
  async bytes(count: number): Promise<Buffer> {
    if (count > this.bounds.maxBytes) throw new DialogueFailure('protocol', `${this.bounds.target} announced a ${count}-byte message; that is not ${this.what}.`);
    while (this.buffer.length < count) await this.more();
    const out = this.buffer.subarray(0, count);
    this.buffer = this.buffer.subarray(count);
    return out;
  }

  /** Everything received and not yet consumed, as text (for stream protocols such as XMPP). */
  pending(): string {
    return this.buffer.toString('utf8');
  }

  /** Drops what was received so far. */
  consumeAll(): void {
    this.buffer = Buffer.alloc(0);
  }

  /** Waits until more bytes arrive (or the dialogue ends). */
  async more(): Promise<void> {
    if (this.ended) throw this.ended;
    await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = undefined;
    if (this.ended) throw this.ended;
  }

  /**
   * Stops reading so TLS can take the socket over. Bytes the server sent after its go-ahead
   * would be read as if they came through TLS (the STARTTLS injection attacks): a failure.
   */
  handOver(): void {
    this.detach();
    if (this.buffer.length > 0) {
      throw new DialogueFailure('protocol', `${this.bounds.target} sent ${this.buffer.length} bytes after agreeing to TLS, before the handshake; that is not ${this.what}.`);
    }
  }

  detach(): void {
    this.socket.pause();
    this.socket.removeListener('data', this.onData);
    this.socket.removeListener('close', this.onClose);
    this.socket.removeListener('end', this.onClose);
  }

  private end(reason: DialogueFailure): void {
    this.ended ??= reason;
    this.wake?.();
  }
}

/**
 * A dialogue from its steps: `steps` reads and writes through the conversation and throws a
 * DialogueFailure to stop; when it returns, TLS may start.
 */
export function dialogue(what: string, steps: (talk: Conversation) => Promise<void>): StartTlsDialogue {
  return async (socket, bounds) => {
    const talk = new Conversation(socket, bounds, what);
    try {
      await steps(talk);
      talk.handOver();
      return undefined;
    } catch (e) {
      talk.detach();
      if (e instanceof DialogueFailure) return failure(e.code, e.message);
      throw e;
    }
  };
}

export function refused(message: string): never {
  throw new DialogueFailure('starttls-refused', message);
}

export function notThisProtocol(message: string): never {
  throw new DialogueFailure('protocol', message);
}
