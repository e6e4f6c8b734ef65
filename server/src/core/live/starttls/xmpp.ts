/**
 * XMPP STARTTLS (RFC 6120 §5): open a client stream, look for <starttls/> in the stream
 * features, ask, and wait for <proceed/> or <failure/>. The stream is read as text for these few
 * element names, as `openssl s_client -starttls xmpp` does; nothing else of the XML matters here.
 */
import { dialogue, notThisProtocol, quoteReply, refused, type Conversation } from './conversation';

const TLS_NS = 'urn:ietf:params:xml:ns:xmpp-tls';

export const xmpp = dialogue('XMPP', async (talk) => {
  talk.send(
    `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='${xmlAttribute(talk.bounds.serverName)}' version='1.0'>`,
  );
  const features = await readUntil(talk, (text) => {
    if (text.includes('<starttls')) return 'offered';
    if (text.includes('</stream:features>') || /<stream:features\s*\/>/.test(text)) return 'not offered';
    return undefined;
  });
  if (features === 'not offered') refused(`${talk.bounds.target} does not offer STARTTLS in its XMPP stream features.`);
  talk.consumeAll();
  talk.send(`<starttls xmlns='${TLS_NS}'/>`);
  const answer = await readUntil(talk, (text) => {
    const proceed = text.indexOf('<proceed');
    if (proceed >= 0 && text.indexOf('>', proceed) >= 0) return 'proceed';
    if (text.includes('<failure')) return 'failure';
    return undefined;
  });
  if (answer === 'failure') refused(`${talk.bounds.target} answered <starttls/> with ${quoteReply(talk.pending().trim())}.`);
  // Nothing may follow <proceed/> before the handshake; handOver() checks that.
  const text = talk.pending();
  const end = text.indexOf('>', text.indexOf('<proceed')) + 1;
  talk.consumeAll();
  if (end < text.length) notThisProtocol(`${talk.bounds.target} sent data after <proceed/>, before the TLS handshake; that is not XMPP.`);
});

/** Reads until `decide` says what the stream holds; a stream error or a non-XML peer ends it. */
async function readUntil<T>(talk: Conversation, decide: (text: string) => T | undefined): Promise<T> {
  for (;;) {
    const text = talk.pending();
    const start = text.trimStart();
    if (start !== '' && !start.startsWith('<')) notThisProtocol(`${talk.bounds.target} did not answer as an XMPP server: it sent ${quoteReply(text)}.`);
    const errorAt = text.indexOf('<stream:error');
    if (errorAt >= 0) refused(`${talk.bounds.target} closed the XMPP stream with an error: ${quoteReply(text.slice(errorAt))}.`);
    const decided = decide(text);
    if (decided !== undefined) return decided;
    await talk.more();
  }
}

function xmlAttribute(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

