import type { SourceDocument } from '../types';

/** .yaml/.yml, also before a template suffix (clusterissuer.yaml.j2, values.yaml.tpl). */
const YAML_PATH = /\.ya?ml(?:\.(?:j2|jinja2?|tpl|tmpl|gotmpl))?$/i;

/** Cheap pre-filter; the model decides whether the file is an inventory or holds cert-manager resources. */
export function isYamlDocument(document: SourceDocument): boolean {
  if (document.path && YAML_PATH.test(document.path)) return true;
  const lang = document.languageId?.toLowerCase();
  if (lang === 'yaml' || lang === 'yml') return true;
  // Another extension, or a language that is not plain text, says it is something else.
  if (document.path && /\.[a-z0-9]+$/i.test(document.path.replace(/^.*[\\/]/, ''))) return false;
  if (lang && lang !== 'plaintext') return false;
  // No telling path or language (a client may say plaintext): the two shapes we understand, at the start of a line.
  return /^certificates\s*:/m.test(document.text) || /^apiVersion\s*:\s*['"]?cert-?manager/m.test(document.text);
}
