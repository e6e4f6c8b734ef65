/** The plaintext dialogue of each STARTTLS protocol, behind one interface the probe runs before TLS. */
import type { StartTlsProtocol } from '../../../../../contract/src/tlsScheme';
import type { StartTlsDialogue } from './conversation';
import { ftp } from './ftp';
import { imap } from './imap';
import { ldap } from './ldap';
import { mysql } from './mysql';
import { pop3 } from './pop3';
import { postgres } from './postgres';
import { smtp } from './smtp';
import { xmpp } from './xmpp';

export const STARTTLS_DIALOGUES: Record<StartTlsProtocol, StartTlsDialogue> = { smtp, imap, pop3, ldap, postgres, mysql, ftp, xmpp };

export { MAX_LINE_BYTES, MAX_PLAINTEXT_BYTES, type DialogueBounds, type StartTlsDialogue } from './conversation';
