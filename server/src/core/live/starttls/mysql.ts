/**
 * MySQL / MariaDB: the server speaks first (Initial Handshake, protocol 10); a client that
 * wants TLS answers with an SSL Request, the first 32 bytes of a Handshake Response, and
 * starts TLS. The capability flags say whether the server offers it (CLIENT_SSL).
 */
import { dialogue, notThisProtocol, quoteReply, refused, type Conversation } from './conversation';

const CLIENT_SSL = 0x0800;

/**
 * Capabilities (CLIENT_SSL among them; no credentials follow), max packet size, utf8
 * character set, 23 reserved bytes: what `openssl s_client -starttls mysql` sends.
 */
const SSL_REQUEST_PAYLOAD = Buffer.concat([Buffer.from([0x85, 0xae, 0x7f, 0x00, 0x00, 0x00, 0x00, 0x01, 0x21]), Buffer.alloc(23)]);

export const mysql = dialogue('MySQL', async (talk) => {
  const { sequence, payload } = await packet(talk);
  if (payload[0] === 0xff) refused(`${talk.bounds.target} refused the MySQL session: ${quoteReply(errorText(payload))}.`);
  if (payload[0] !== 0x0a) notThisProtocol(`${talk.bounds.target} did not answer as a MySQL server (handshake version ${payload[0]}, not 10).`);
  const versionEnd = payload.indexOf(0, 1);
  // version, NUL, thread id (4), auth data part 1 (8), filler (1), then the lower capability flags.
  const flagsAt = versionEnd + 1 + 4 + 8 + 1;
  if (versionEnd < 0 || flagsAt + 2 > payload.length) notThisProtocol(`${talk.bounds.target} sent a MySQL handshake too short to read.`);
  const version = payload.subarray(1, versionEnd).toString('utf8');
  if (!(payload.readUInt16LE(flagsAt) & CLIENT_SSL)) refused(`${talk.bounds.target} (MySQL ${quoteReply(version)}) does not offer TLS: no CLIENT_SSL in its handshake.`);
  const header = Buffer.alloc(4);
  header.writeUIntLE(SSL_REQUEST_PAYLOAD.length, 0, 3);
  header[3] = (sequence + 1) & 0xff;
  talk.send(Buffer.concat([header, SSL_REQUEST_PAYLOAD]));
});

/** One packet: 3-byte little-endian length, sequence id, payload. */
async function packet(talk: Conversation): Promise<{ sequence: number; payload: Buffer }> {
  const header = await talk.bytes(4);
  const length = header.readUIntLE(0, 3);
  if (length === 0) notThisProtocol(`${talk.bounds.target} sent an empty MySQL packet.`);
  return { sequence: header[3], payload: await talk.bytes(length) };
}

/** ERR packet: 0xff, error code (2), optionally `#` and a 5-character SQL state, the message. */
function errorText(payload: Buffer): string {
  if (payload.length < 3) return 'an error without a message';
  const code = payload.readUInt16LE(1);
  let message = payload.subarray(3).toString('utf8');
  if (message.startsWith('#')) message = message.slice(6);
  return `${message} (error ${code})`;
}

