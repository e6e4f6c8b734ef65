/**
 * node-forge's ASN.1 module on its own (the package's main entry would bundle all of forge). Its
 * fromDer takes an options object, which @types/node-forge does not describe.
 */
declare module 'node-forge/lib/asn1.js' {
  import type { asn1 as forgeAsn1 } from 'node-forge';

  interface FromDerOptions {
    strict?: boolean;
    parseAllBytes?: boolean;
    decodeBitStrings?: boolean;
    maxDepth?: number;
  }

  const asn1: Omit<typeof forgeAsn1, 'fromDer'> & { fromDer(bytes: string, options?: FromDerOptions): forgeAsn1.Asn1 };
  export = asn1;
}
