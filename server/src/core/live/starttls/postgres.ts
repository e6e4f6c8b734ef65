/**
 * PostgreSQL SSLRequest (protocol 3, §55.2.10): eight bytes, answered by one: `S` go ahead,
 * `N` no TLS here; a server too old for the request answers with an ErrorResponse.
 */
import { dialogue, notThisProtocol, quoteReply, refused, type Conversation } from './conversation';

/** Length 8, then the request code 1234/5679. */
export const SSL_REQUEST = Buffer.from([0x00, 0x00, 0x00, 0x08, 0x04, 0xd2, 0x16, 0x2f]);

export const postgres = dialogue('PostgreSQL', async (talk) => {
  talk.send(SSL_REQUEST);
  const [answer] = await talk.bytes(1);
  if (answer === 0x53 /* S */) return;
  if (answer === 0x4e /* N */) refused(`${talk.bounds.target} answered the SSLRequest with "N": the server does not accept TLS (ssl = off).`);
  if (answer === 0x45 /* E */) refused(`${talk.bounds.target} answered the SSLRequest with an error: ${quoteReply(await errorMessage(talk))}.`);
  notThisProtocol(`${talk.bounds.target} did not answer as a PostgreSQL server: it sent ${quoteReply(String.fromCharCode(answer) + talk.pending())}.`);
});

/** The `M` (message) field of an ErrorResponse whose type byte was read. */
async function errorMessage(talk: Conversation): Promise<string> {
  const length = (await talk.bytes(4)).readUInt32BE(0);
  if (length < 4) notThisProtocol(`${talk.bounds.target} sent an ErrorResponse of length ${length}; that is not PostgreSQL.`);
  const body = await talk.bytes(length - 4);
  for (const field of body.toString('utf8').split('\0')) {
    if (field.startsWith('M')) return field.slice(1);
  }
  return body.toString('utf8');
}
