import { isScalar, type Node } from 'yaml';
import { DEFAULT_CERT_DURATION_MS, formatHours, parseGoDuration } from '../../inventory/duration';
import { resourceLabel } from '../../inventory/certManager';
import { at, spanOf } from '../../inventory/yaml';
import type { CertModel } from '../../inventory/model';
import type { Rule } from '../../rule';
import { pacer } from '../../steps';

const scalarText = (node: Node | null) => (isScalar(node) && node.value !== null ? String(node.value) : undefined);

export const renewBefore: Rule<CertModel> = {
  id: 'cert/renew-before',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A cert-manager Certificate whose `renewBefore` is not shorter than its `duration`, or whose `renewBeforePercentage` is 100 or more.',
    details: 'The duration defaults to 90 days (2160h). cert-manager then renews continually or never as intended. Templated values are skipped.',
    bad: 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: api\nspec:\n  secretName: api-tls\n  duration: 720h\n  renewBefore: 720h\n  dnsNames: [api.example.com]\n  issuerRef: { name: letsencrypt, kind: ClusterIssuer }\n',
    good: 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: api\nspec:\n  secretName: api-tls\n  duration: 2160h\n  renewBefore: 720h\n  dnsNames: [api.example.com]\n  issuerRef: { name: letsencrypt, kind: ClusterIssuer }\n',
  },
  *check(model, report) {
    const pace = pacer();
    for (const resource of model.resources) {
      if (pace()) yield;
      if (resource.kind !== 'Certificate') continue;
      const spec = at(resource.doc, resource.map, 'spec');
      const durationNode = at(resource.doc, spec, 'duration');
      const durationText = scalarText(durationNode);
      const duration = durationText === undefined ? DEFAULT_CERT_DURATION_MS : parseGoDuration(durationText);
      const renewNode = at(resource.doc, spec, 'renewBefore');
      const renewText = scalarText(renewNode);
      const renew = renewText === undefined ? undefined : parseGoDuration(renewText);
      if (duration !== undefined && renew !== undefined && renewNode && renew >= duration) {
        const of = durationText === undefined ? 'the default duration of 2160h (90 days)' : `its duration ${formatHours(duration)}`;
        report({
          message: `${resourceLabel(resource)}: renewBefore ${formatHours(renew)} is not shorter than ${of}; cert-manager would renew on every reconcile. Make renewBefore well below the duration (e.g. a third of it).`,
          span: spanOf(renewNode),
        });
      }
      const percentNode = at(resource.doc, spec, 'renewBeforePercentage');
      if (isScalar(percentNode) && typeof percentNode.value === 'number' && percentNode.value >= 100) {
        report({
          message: `${resourceLabel(resource)}: renewBeforePercentage ${percentNode.value} means renewing at or before issuance; use a value below 100 (e.g. 33).`,
          span: spanOf(percentNode),
        });
      }
    }
  },
};
