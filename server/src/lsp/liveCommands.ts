import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { LIVE_COMMANDS } from '../../../contract/src/commandIds';
import { entryClientIdentity } from '../core/inventory/clientIdentity';
import { entrySource, liveTargets } from '../core/inventory/liveTargets';
import type { CertModel } from '../core/inventory/model';
import { parseHostPort, probeCertificate, ProbeInputError } from '../core/live';
import { loadExtraCas } from '../core/live/extraCas';
import { liveKey } from '../core/live/observations';
import type { ProbeOutcome } from '../core/live/types';
import type { StartTlsProtocol } from '../../../contract/src/tlsScheme';
import type { CommandContext, Commands } from './commandRegistry';

interface CheckLiveCertArgs {
  host: string;
  port?: number;
  /** The dialogue before TLS (`smtp`, …); a host string's scheme gives it too. */
  starttls?: StartTlsProtocol;
  servername?: string;
  timeoutMs?: number;
  /** A document whose settings (extraCaFiles) apply; the workspace's otherwise. */
  uri?: string;
}

/** The live certificate check: a real TLS handshake, only ever when a user runs one of these commands. */
export function registerLiveCommands(commands: Commands): void {
  commands.register(LIVE_COMMANDS.checkLiveCert, (args, context) => checkLiveCert(args[0], context));
  commands.register(LIVE_COMMANDS.checkLiveEntry, (args, context) => checkLiveEntry(args[0], context));
}

async function checkLiveCert(raw: unknown, context: CommandContext): Promise<ProbeOutcome> {
  const args = readArgs(raw);
  const extraCaPems = await extraCas(context, args.uri);
  try {
    return await probeCertificate({
      host: args.host,
      port: args.port,
      starttls: args.starttls,
      servername: args.servername,
      timeoutMs: args.timeoutMs,
      extraCaPems,
      now: context.session.clock(),
    });
  } catch (e) {
    if (e instanceof ProbeInputError) throw new ResponseError(ErrorCodes.InvalidParams, e.message);
    throw e;
  }
}

/** `{host, port?, starttls?, servername?}`, or "host:port" / "smtp://host:port" as a plain string. */
function readArgs(raw: unknown): CheckLiveCertArgs {
  if (typeof raw === 'string') {
    try {
      return parseHostPort(raw);
    } catch (e) {
      throw new ResponseError(ErrorCodes.InvalidParams, (e as Error).message);
    }
  }
  if (!raw || typeof raw !== 'object' || typeof (raw as CheckLiveCertArgs).host !== 'string') {
    throw new ResponseError(ErrorCodes.InvalidParams, `${LIVE_COMMANDS.checkLiveCert} expects {host, port?, starttls?, servername?}`);
  }
  const args = raw as CheckLiveCertArgs;
  // A host written with a scheme ("smtp://mail.example.com") in the object form, as the palette sends it.
  if (/:\/\//.test(args.host)) {
    try {
      const parsed = parseHostPort(args.host, args.port);
      return { ...args, host: parsed.host, port: parsed.port, starttls: args.starttls ?? parsed.starttls };
    } catch (e) {
      throw new ResponseError(ErrorCodes.InvalidParams, (e as Error).message);
    }
  }
  if (args.port !== undefined && typeof args.port !== 'number') {
    throw new ResponseError(ErrorCodes.InvalidParams, 'port must be a number');
  }
  return args;
}

/**
 * Probes every host of one inventory entry (the "Check live" lens), keeps the results for that
 * entry until it is edited, and re-validates so cert/live-* findings and lenses appear.
 */
async function checkLiveEntry(raw: unknown, context: CommandContext): Promise<{ host: string; outcome: ProbeOutcome }[]> {
  const args = raw as { uri?: unknown; entry?: unknown } | undefined;
  if (typeof args?.uri !== 'string' || typeof args.entry !== 'number') {
    throw new ResponseError(ErrorCodes.InvalidParams, `${LIVE_COMMANDS.checkLiveEntry} expects {uri, entry}`);
  }
  const document = context.documents.get(args.uri);
  if (!document) throw new ResponseError(ErrorCodes.InvalidParams, `${args.uri} is not open`);
  const { session } = context;
  const result = await session.analyses.get(document);
  const model = result.analysis.parsed.find((p) => p.model.kind === 'inventory')?.model as CertModel | undefined;
  const targets = model ? liveTargets(model).filter((t) => t.entry.index === args.entry) : [];
  if (!model || targets.length === 0) throw new ResponseError(ErrorCodes.InvalidParams, `entry ${args.entry} has no host to check`);
  const client = entryClientIdentity(targets[0].entry, model);
  // cert/pem-invalid already shows what is wrong; probing without the certificate would only add noise.
  if (client && 'error' in client) throw new ResponseError(ErrorCodes.InvalidParams, `entry ${args.entry}: the client certificate is unusable: ${client.error}`);
  const identity = client?.identity;
  const extraCaPems = await extraCas(context, args.uri);
  const outcomes = await Promise.all(
    targets.map(async (t) => ({
      host: t.host.text,
      key: liveKey(t.host.parsed.host, t.host.parsed.port, t.host.parsed.starttls),
      entryText: entrySource(model, t.entry),
      outcome: await probeCertificate({
        host: t.host.parsed.host,
        port: t.host.parsed.port,
        starttls: t.host.parsed.starttls ?? undefined,
        extraCaPems,
        clientCertPem: identity?.certPem,
        clientKeyPem: identity?.keyPem,
        now: session.clock(),
      }),
    })),
  );
  for (const o of outcomes) session.live.set(args.uri, o.key, { outcome: o.outcome, entryText: o.entryText });
  session.analyses.delete(args.uri);
  session.validator.schedule(args.uri);
  return outcomes.map(({ host, outcome }) => ({ host, outcome }));
}

async function extraCas(context: CommandContext, uri: string | undefined): Promise<string[]> {
  const target = uri ?? context.session.folders.firstUri();
  const { config } = await context.session.settings.resolve(target ?? 'file:///');
  const root = target ? context.session.settings.rootFor(target) : undefined;
  return loadExtraCas(config, root, (message) => context.session.logger.warnOnce(message));
}
