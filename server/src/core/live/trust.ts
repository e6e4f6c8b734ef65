/** Which CAs a probe trusts: the system store, plus extra CAs (internal ones) when given. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import { PEM_CERTIFICATE, splitPemCertificates } from './pemCertificates';
import type { ClientIdentity } from './types';

const contextCache = new Map<string, SecureContext>();
/** Node's default store (bundled roots, NODE_EXTRA_CA_CERTS, --use-openssl-ca), built once. */
let defaultContext: SecureContext | undefined;
const CONTEXT_CACHE_SIZE = 8;

/**
 * Without extra CAs, Node's default store (bundled roots, NODE_EXTRA_CA_CERTS, --use-openssl-ca).
 * With extra CAs the list must be spelled out, so it is the bundled roots, NODE_EXTRA_CA_CERTS and
 * the extras. A client certificate goes into the context too (tls.connect ignores `cert` and
 * `key` beside a context). Contexts are cached: building one parses ~150 roots, too slow to
 * repeat per host.
 */
export function trustContext(extraCaPems: readonly string[] | undefined, client?: ClientIdentity): SecureContext {
  const noExtras = !extraCaPems || extraCaPems.length === 0;
  // Without a context, every tls.connect builds its own: a tenth of a probe's CPU.
  if (noExtras && !client) return (defaultContext ??= createSecureContext());
  const extras = noExtras ? [] : extraCaPems.flatMap((pem, i) => splitPemCertificates(pem, `extra CA ${i + 1}`));
  // The key's hash, not its text, names the context in the cache.
  const key = [...extras, client ? createHash('sha256').update(client.certPem).update('\0').update(client.keyPem).digest('hex') : ''].join('\n');
  let context = contextCache.get(key);
  if (!context) {
    const ca = noExtras ? undefined : [...rootCertificates, ...environmentCas(), ...extras];
    context = createSecureContext({ ca, cert: client?.certPem, key: client?.keyPem });
    if (contextCache.size >= CONTEXT_CACHE_SIZE) contextCache.delete(contextCache.keys().next().value as string);
    contextCache.set(key, context);
  }
  return context;
}

let environmentCache: string[] | undefined;

/** NODE_EXTRA_CA_CERTS is part of the default store; keep it when the store is spelled out. */
function environmentCas(): string[] {
  if (environmentCache) return environmentCache;
  const file = process.env.NODE_EXTRA_CA_CERTS;
  environmentCache = [];
  if (file) {
    try {
      environmentCache = readFileSync(file, 'utf8').match(PEM_CERTIFICATE) ?? [];
    } catch {
      // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS; so do we, by ignoring it.
    }
  }
  return environmentCache;
}
