/** Numbered replies as SMTP (RFC 5321 §4.2) and FTP (RFC 959 §4.2) write them: `250-first`, …, `250 last`. */
import { notThisProtocol, quoteReply, type Conversation } from './conversation';

export interface NumberedReply {
  code: number;
  /** Each line's text after the code and its separator. */
  lines: string[];
  /** The last line as sent, code included: what a message quotes. */
  last: string;
}

/**
 * Reads one reply. FTP lets the lines between the first and the last be any text (`lenient`);
 * SMTP numbers every line.
 */
export async function numberedReply(talk: Conversation, lenient = false): Promise<NumberedReply> {
  const first = await talk.line();
  const head = /^(\d{3})([ -]|$)/.exec(first);
  if (!head) notThisProtocol(`${talk.bounds.target} did not answer as an ${talk.what} server: it sent ${quoteReply(first)}.`);
  const code = Number(head[1]);
  const lines = [first.slice(4)];
  let last = first;
  while (last.startsWith(`${head[1]}-`) || (lenient && last !== first && !last.startsWith(`${head[1]} `) && last !== head[1])) {
    last = await talk.line();
    const next = /^(\d{3})([ -]|$)/.exec(last);
    if (next && next[1] !== head[1]) notThisProtocol(`${talk.bounds.target} mixed reply codes ${head[1]} and ${next[1]} in one reply; that is not ${talk.what}.`);
    if (!next && !lenient) notThisProtocol(`${talk.bounds.target} sent ${quoteReply(last)} inside a reply; that is not ${talk.what}.`);
    lines.push(next ? last.slice(4) : last);
  }
  return { code, lines, last };
}
