/** IMAP STARTTLS (RFC 9051 §6.2.1): greeting, then a tagged STARTTLS. */
import { dialogue, notThisProtocol, quoteReply, refused } from './conversation';

const TAG = 'a1';

export const imap = dialogue('IMAP', async (talk) => {
  const greeting = await talk.line();
  if (/^\* BYE\b/i.test(greeting)) refused(`${talk.bounds.target} refused the IMAP session: ${quoteReply(greeting)}.`);
  if (!/^\* (OK|PREAUTH)\b/i.test(greeting)) notThisProtocol(`${talk.bounds.target} did not answer as an IMAP server: it sent ${quoteReply(greeting)}.`);
  talk.send(`${TAG} STARTTLS\r\n`);
  for (;;) {
    const line = await talk.line();
    if (line.startsWith('* ')) continue; // untagged data (a CAPABILITY, an alert) before the answer
    if (!line.toLowerCase().startsWith(`${TAG} `)) notThisProtocol(`${talk.bounds.target} answered STARTTLS with ${quoteReply(line)}; that is not IMAP.`);
    if (/^\S+ OK\b/i.test(line)) return;
    refused(`${talk.bounds.target} answered STARTTLS with ${quoteReply(line)}.`);
  }
});
