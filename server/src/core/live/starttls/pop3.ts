/** POP3 STLS (RFC 2595 §4): greeting, STLS. */
import { dialogue, notThisProtocol, quoteReply, refused } from './conversation';

export const pop3 = dialogue('POP3', async (talk) => {
  const greeting = await talk.line();
  if (/^-ERR\b/i.test(greeting)) refused(`${talk.bounds.target} refused the POP3 session: ${quoteReply(greeting)}.`);
  if (!/^\+OK\b/i.test(greeting)) notThisProtocol(`${talk.bounds.target} did not answer as a POP3 server: it sent ${quoteReply(greeting)}.`);
  talk.send('STLS\r\n');
  const answer = await talk.line();
  if (/^\+OK\b/i.test(answer)) return;
  if (/^-ERR\b/i.test(answer)) refused(`${talk.bounds.target} answered STLS with ${quoteReply(answer)}.`);
  notThisProtocol(`${talk.bounds.target} answered STLS with ${quoteReply(answer)}; that is not POP3.`);
});
