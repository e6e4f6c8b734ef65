/** SMTP STARTTLS (RFC 3207): greeting, EHLO, STARTTLS. */
import { isIPv6 } from 'node:net';
import { dialogue, quoteReply, refused } from './conversation';
import { numberedReply } from './replies';

export const smtp = dialogue('SMTP', async (talk) => {
  const greeting = await numberedReply(talk);
  if (greeting.code !== 220) refused(`${talk.bounds.target} refused the SMTP session: ${quoteReply(greeting.last)}.`);
  talk.send(`EHLO ${ehloName(talk.socket.localAddress)}\r\n`);
  const ehlo = await numberedReply(talk);
  if (ehlo.code !== 250) refused(`${talk.bounds.target} answered EHLO with ${quoteReply(ehlo.last)}.`);
  const offered = ehlo.lines.slice(1).some((line) => /^STARTTLS\b/i.test(line));
  // Asked even when not offered, as openssl s_client does: the server's own answer says more.
  talk.send('STARTTLS\r\n');
  const answer = await numberedReply(talk);
  if (answer.code !== 220) {
    refused(`${talk.bounds.target} ${offered ? '' : 'does not offer STARTTLS (not in its EHLO reply) and '}answered STARTTLS with ${quoteReply(answer.last)}.`);
  }
});

/** This side's address as an address literal (RFC 5321 §4.1.3): no name to vouch for, nothing invented. */
function ehloName(localAddress: string | undefined): string {
  if (!localAddress) return '[127.0.0.1]';
  return isIPv6(localAddress) ? `[IPv6:${localAddress}]` : `[${localAddress}]`;
}
