/**
 * LDAP StartTLS (RFC 4511 §4.14): one ExtendedRequest naming 1.3.6.1.4.1.1466.20037, one
 * ExtendedResponse whose resultCode says yes or why not. BER read by hand: three fields of one
 * message, each bounds-checked, need no library.
 */
import { dialogue, notThisProtocol, quoteReply, refused, type Conversation } from './conversation';

const START_TLS_OID = '1.3.6.1.4.1.1466.20037';

/** LDAPMessage { messageID 1, [APPLICATION 23] { [0] requestName } }. */
export const START_TLS_REQUEST = Buffer.concat([
  Buffer.from([0x30, 7 + START_TLS_OID.length, 0x02, 0x01, 0x01, 0x77, 2 + START_TLS_OID.length, 0x80, START_TLS_OID.length]),
  Buffer.from(START_TLS_OID, 'latin1'),
]);

const EXTENDED_RESPONSE = 0x78;

/** The result codes a StartTLS refusal carries in practice (RFC 4511 Appendix A). */
const RESULT_NAMES: Record<number, string> = {
  1: 'operationsError',
  2: 'protocolError',
  12: 'unavailableCriticalExtension',
  13: 'confidentialityRequired',
  51: 'busy',
  52: 'unavailable',
  53: 'unwillingToPerform',
  80: 'other',
};

export const ldap = dialogue('LDAP', async (talk) => {
  talk.send(START_TLS_REQUEST);
  const message = new BerReader(await ldapMessage(talk), talk);
  const body = message.element(0x30, 'LDAPMessage');
  const id = body.integer();
  const op = body.element(EXTENDED_RESPONSE, 'ExtendedResponse');
  const resultCode = op.enumerated();
  op.element(0x04, 'matchedDN');
  const diagnostic = op.element(0x04, 'diagnosticMessage').text();
  // Message 0 is an unsolicited notification (RFC 4511 §4.4), such as a notice of disconnection.
  if (id !== 1 && id !== 0) notThisProtocol(`${talk.bounds.target} answered message 1 with message ${id}; that is not LDAP.`);
  if (resultCode === 0 && id === 1) return;
  const name = RESULT_NAMES[resultCode] ? ` (${RESULT_NAMES[resultCode]})` : '';
  refused(`${talk.bounds.target} answered StartTLS with result ${resultCode}${name}${diagnostic ? `: ${quoteReply(diagnostic)}` : ''}.`);
});

/** One whole BER element from the wire: tag, length, contents. */
async function ldapMessage(talk: Conversation): Promise<Buffer> {
  const head = await talk.bytes(2);
  if (head[0] !== 0x30) {
    notThisProtocol(`${talk.bounds.target} did not answer as an LDAP server: it sent ${quoteReply(head.toString('latin1') + talk.pending())}.`);
  }
  let length = head[1];
  let lengthBytes: Buffer = Buffer.alloc(0);
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) notThisProtocol(`${talk.bounds.target} sent a BER length of ${count} bytes; that is not LDAP.`);
    lengthBytes = await talk.bytes(count);
    length = lengthBytes.readUIntBE(0, count);
  }
  const contents = await talk.bytes(length);
  return Buffer.concat([head, lengthBytes, contents]);
}

/** Reads the elements of one BER buffer in order; anything out of bounds or unexpected is a protocol failure. */
class BerReader {
  private offset = 0;

  constructor(
    private readonly data: Buffer,
    private readonly talk: Conversation,
  ) {}

  element(tag: number, what: string): BerReader {
    if (this.offset + 2 > this.data.length || this.data[this.offset] !== tag) this.bad(what);
    let length = this.data[this.offset + 1];
    let start = this.offset + 2;
    if (length & 0x80) {
      const count = length & 0x7f;
      if (count === 0 || count > 4 || start + count > this.data.length) this.bad(what);
      length = this.data.readUIntBE(start, count);
      start += count;
    }
    if (start + length > this.data.length) this.bad(what);
    this.offset = start + length;
    return new BerReader(this.data.subarray(start, start + length), this.talk);
  }

  integer(): number {
    return this.element(0x02, 'messageID').number('messageID');
  }

  enumerated(): number {
    return this.element(0x0a, 'resultCode').number('resultCode');
  }

  text(): string {
    return this.data.toString('utf8');
  }

  private number(what: string): number {
    if (this.data.length < 1 || this.data.length > 4) this.bad(what);
    return this.data.readIntBE(0, this.data.length);
  }

  private bad(what: string): never {
    notThisProtocol(`${this.talk.bounds.target} sent an LDAP answer without a well-formed ${what}; that is not an LDAP server.`);
  }
}
