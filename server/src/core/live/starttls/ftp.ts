/** FTP AUTH TLS (RFC 4217): greeting, AUTH TLS. */
import { dialogue, quoteReply, refused } from './conversation';
import { numberedReply } from './replies';

export const ftp = dialogue('FTP', async (talk) => {
  let greeting = await numberedReply(talk, true);
  // 120: "ready in nnn minutes", then the real greeting follows.
  if (greeting.code === 120) greeting = await numberedReply(talk, true);
  if (greeting.code !== 220) refused(`${talk.bounds.target} refused the FTP session: ${quoteReply(greeting.last)}.`);
  talk.send('AUTH TLS\r\n');
  const answer = await numberedReply(talk, true);
  if (answer.code !== 234) refused(`${talk.bounds.target} answered AUTH TLS with ${quoteReply(answer.last)}.`);
});
