import { entryChains } from '../../inventory/bundle';
import { calendarDaysUntil, isoDay } from '../../inventory/dates';
import { certFacts, effectiveWarnWindow } from '../../inventory/facts';
import { entryLabel, type CertModel } from '../../inventory/model';
import { MAX_BUNDLE_CERTIFICATES } from '../../inventory/pem';
import type { Rule } from '../../rule';
import { DAY_MS } from '../../units';
import { pacer } from '../../steps';

export const chainExpiry: Rule<CertModel> = {
  id: 'cert/chain-expiry',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A certificate of the entry\'s PEM bundle after the leaf expires before the leaf, or within the warn window: the chain breaks then. An error once it has expired.',
    details: `Every certificate of \`pem\` or \`pemFile\` is read, leaf first, then intermediates in file order (at most ${MAX_BUNDLE_CERTIFICATES}); after a live check you asked for (\`lint --live\`, \"Check live\"), the chain each host served too, reported on the host. The message names the certificate by its place in the bundle and its subject CN. The warn window is the entry's, as for cert/expiring.`,
    options: '`warnDays`, `warnShare`',
    bad: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    pemFile: certs/api-bundle.pem   # leaf to 2027-06-01, intermediate to 2026-12-17\n',
    good: 'certificates:\n  - name: api\n    hosts: [api.example.com]\n    pemFile: certs/api-bundle.pem   # leaf to 2027-06-01, intermediate to 2029-01-01\n',
  },
  *check(model, report, context) {
    const { now, config } = context;
    const pace = pacer();
    for (const entry of model.inventory?.entries ?? []) {
      if (pace()) yield;
      // Most entries have no chain: the window only for those that do.
      let window: ReturnType<typeof effectiveWarnWindow> | undefined;
      for (const chain of entryChains(entry, model, context)) {
        window ??= effectiveWarnWindow(entry, config, certFacts(entry, model, context));
        const [leaf, ...rest] = chain.items;
        if (leaf?.role !== 'leaf') continue;
        for (const other of rest) {
          const notAfter = other.notAfter;
          const expired = notAfter.getTime() <= now.getTime();
          const beforeLeaf = notAfter.getTime() < leaf.notAfter.getTime();
          const inWindow = notAfter.getTime() <= now.getTime() + window.days * DAY_MS;
          if (!expired && !beforeLeaf && !inWindow) continue;
          const days = calendarDaysUntil(notAfter, now);
          const when = expired
            ? `expired on ${isoDay(notAfter)}`
            : `expires on ${isoDay(notAfter)} (in ${days} day${days === 1 ? '' : 's'})${beforeLeaf ? `, before the leaf (${isoDay(leaf.notAfter)})` : `, within the ${window.days}-day warn window`}`;
          report({
            message: `Entry ${entryLabel(entry)}: ${other.label} ${chain.where} ${when}: the chain breaks ${expired ? 'already' : 'then'}. Replace it in ${chain.fixIn}.`,
            span: chain.span,
            severity: expired ? 'error' : undefined,
            data: { position: other.position, notAfter: notAfter.toISOString() },
          });
        }
      }
    }
  },
};
