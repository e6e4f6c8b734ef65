import type { DocumentLink } from 'vscode-languageserver/node';
import type { DocumentAnalysis } from './analyses';

/** A target must at least look like an absolute URI: a bad `ticketUrl` must not break the client's link provider. */
const ABSOLUTE_URI = /^[a-z][a-z0-9+.-]*:\S+$/i;

export function documentLinks(result: DocumentAnalysis, tooltips: boolean): DocumentLink[] {
  return result.analysis.parsed.flatMap(({ model, links }) =>
    links(result.config)
      .filter((link) => ABSOLUTE_URI.test(link.target))
      .map((link) => ({
        range: model.lines.rangeOf(link.span),
        target: link.target,
        tooltip: tooltips ? link.tooltip : undefined,
      })),
  );
}
