/**
 * Which way imports may point: client -> contract <- server (core, lsp, cli); lsp and cli ->
 * core, never the reverse, and lsp never -> cli. Each rule names what it forbids; an offence is
 * reported as the file and the import as written. "Models never import rules" is not a rule here
 * yet: core/inventory/type.ts and core/postmortem/type.ts still join their model to its rules.
 */
import { describeImport, isNodeBuiltin, packageName, type Import } from './importGraph';

export interface LayerRule {
  name: string;
  breaks: (i: Import) => boolean;
}

const under = (file: string | undefined, folder: string) => file !== undefined && file.startsWith(folder);
const CLIENT_PACKAGES = new Set(['vscode', 'vscode-languageclient']);
const CONTRACT_PACKAGES = new Set(['vscode-languageserver-protocol']);

export const LAYER_RULES: readonly LayerRule[] = [
  { name: 'client -> server', breaks: (i) => under(i.from, 'client/') && under(i.to, 'server/') },
  {
    name: 'client -> a file outside client/src and contract/src',
    breaks: (i) => under(i.from, 'client/') && i.to !== undefined && !under(i.to, 'server/') && !under(i.to, 'client/src/') && !under(i.to, 'contract/src/'),
  },
  {
    name: 'client -> a package other than vscode, vscode-languageclient and Node built-ins',
    breaks: (i) => under(i.from, 'client/') && i.to === undefined && !CLIENT_PACKAGES.has(packageName(i.specifier)) && !isNodeBuiltin(i.specifier),
  },
  { name: 'contract -> client or server', breaks: (i) => under(i.from, 'contract/') && (under(i.to, 'client/') || under(i.to, 'server/')) },
  {
    name: 'contract -> a file outside contract/src',
    breaks: (i) => under(i.from, 'contract/') && i.to !== undefined && !under(i.to, 'client/') && !under(i.to, 'server/') && !under(i.to, 'contract/src/'),
  },
  {
    name: 'contract -> a package other than vscode-languageserver-protocol and Node built-ins',
    breaks: (i) => under(i.from, 'contract/') && i.to === undefined && !CONTRACT_PACKAGES.has(packageName(i.specifier)) && !isNodeBuiltin(i.specifier),
  },
  { name: 'server -> client', breaks: (i) => under(i.from, 'server/') && under(i.to, 'client/') },
  { name: 'lsp -> cli', breaks: (i) => under(i.from, 'server/src/lsp/') && under(i.to, 'server/src/cli/') },
  { name: 'core -> lsp or cli', breaks: (i) => under(i.from, 'server/src/core/') && (under(i.to, 'server/src/lsp/') || under(i.to, 'server/src/cli/')) },
];

/** Offences of one rule, each as "file imports 'specifier' (resolved file)". */
export function offences(rule: LayerRule, imports: readonly Import[]): string[] {
  return imports.filter(rule.breaks).map(describeImport);
}
