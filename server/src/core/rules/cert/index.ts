import type { CertModel } from '../../inventory/model';
import type { Rule } from '../../rule';
import { chainExpiry } from './chain-expiry';
import { duplicate } from './duplicate';
import { expired } from './expired';
import { expiring } from './expiring';
import { invalidValue } from './invalid-value';
import { lifetimeLimit } from './lifetime-limit';
import { liveExpired } from './live-expired';
import { liveHostname } from './live-hostname';
import { liveMismatch } from './live-mismatch';
import { liveUnreachable } from './live-unreachable';
import { liveUntrusted } from './live-untrusted';
import { missingField } from './missing-field';
import { namespaceAmbiguous } from './namespace-ambiguous';
import { noCertificateResource } from './no-certificate-resource';
import { notInInventory } from './not-in-inventory';
import { notYetValid } from './not-yet-valid';
import { pemInvalid } from './pem-invalid';
import { pemMismatch } from './pem-mismatch';
import { personalEmail } from './personal-email';
import { privateKey } from './private-key';
import { renewBefore } from './renew-before';
import { renewalOverdue } from './renewal-overdue';
import { unknownKey } from './unknown-key';
import { weakKey } from './weak-key';
import { weakSignature } from './weak-signature';
import { yamlSyntax } from './yaml-syntax';

/** Every cert/* rule, in the order docs/rules.md lists them: static checks first, live ones last. */
export const certRules: Rule<CertModel>[] = [
  yamlSyntax,
  expired,
  expiring,
  personalEmail,
  missingField,
  duplicate,
  unknownKey,
  invalidValue,
  pemMismatch,
  pemInvalid,
  privateKey,
  namespaceAmbiguous,
  renewBefore,
  renewalOverdue,
  lifetimeLimit,
  notYetValid,
  chainExpiry,
  weakKey,
  weakSignature,
  // Across files: the workspace's inventories beside its cert-manager Certificates.
  notInInventory,
  noCertificateResource,
  // Only after a live check the user asked for.
  liveMismatch,
  liveExpired,
  liveUntrusted,
  liveHostname,
  liveUnreachable,
];
