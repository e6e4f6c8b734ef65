/** Lints documents sent by the fuzz runner, in a worker so that a hang can be timed out and killed. */
import { parentPort } from 'node:worker_threads';
import { defaultConfig, resolveConfig, type Config } from '../../../server/src/core/config';
import { parseConfigText } from '../../../server/src/core/workspace/configFile';
import { lint } from '../../../server/src/core/lint';
import type { Finding } from '../../../server/src/core/types';

export interface LintRequest {
  id: number;
  path: string;
  text: string;
  now: string;
  /** A `.incident-docs.yaml` to lint under, parsed and resolved the way the CLI and server do. */
  configText?: string;
}

export interface LintReply {
  id: number;
  findings?: Pick<Finding, 'rule' | 'range' | 'message'>[];
  /** Set when lint threw: that is a bug, whatever the document. */
  thrown?: string;
  ms: number;
}

const defaults = defaultConfig();

/** A config file that cannot be used is refused by the tools; the defaults stand in for it here. */
function configOf(text: string | undefined): Config {
  if (text === undefined) return defaults;
  const { layer } = parseConfigText(text, 'fuzz.yaml');
  return layer ? resolveConfig([layer]).config : defaults;
}

parentPort!.on('message', (request: LintRequest) => {
  const started = performance.now();
  let reply: LintReply;
  try {
    const config = configOf(request.configText);
    const findings = lint({ path: request.path, text: request.text }, config, { now: new Date(request.now) });
    // Fixes carry ranges too; they are checked like the findings' own (a fix shared by findings, once).
    const seen = new Set<object>();
    const ranges = findings.flatMap((f) => [
      { rule: f.rule, range: f.range, message: f.message },
      ...(f.fixes ?? [])
        .filter((x) => !seen.has(x) && seen.add(x))
        .flatMap((x) => x.edits.map((e) => ({ rule: `${f.rule} (fix)`, range: e.range, message: x.title }))),
    ]);
    reply = { id: request.id, findings: ranges, ms: performance.now() - started };
  } catch (e) {
    reply = { id: request.id, thrown: (e as Error)?.stack ?? String(e), ms: performance.now() - started };
  }
  parentPort!.postMessage(reply);
});
// Loaded (tsx compiled the linter on the way in, seconds on a busy machine): the runner starts a
// document's time bound only from here.
parentPort!.postMessage({ ready: true });
