/**
 * The template a post-mortem is checked against: the `template` setting names a preset or the
 * team's own Markdown file. A file is read through core/workspace (bounded, path policy) and parsed
 * once per version: linting on every keystroke only stats it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Config } from '../config';
import { quoteText } from '../quote';
import type { SourceDocument } from '../types';
import { WorkspaceError } from '../workspace/errors';
import { outsideRootReason } from '../workspace/pathPolicy';
import { READ_LIMITS, readTextFileSync } from '../workspace/readFile';
import { PRESET_TEXTS } from './presets.generated';
import { parseTemplate, type PostmortemTemplate } from './teamTemplate';

export const PRESET_NAMES = Object.keys(PRESET_TEXTS);
export const DEFAULT_PRESET = 'default';

export interface TemplateState {
  /** What the setting names: a preset name, or the file as the user wrote it. */
  source: string;
  /** Absent when the template cannot be used; `problem` says why. */
  template?: PostmortemTemplate;
  problem?: string;
}

const presets = new Map<string, PostmortemTemplate>();

export function presetTemplate(name: string): PostmortemTemplate | undefined {
  const text = PRESET_TEXTS[name];
  if (text === undefined) return undefined;
  let template = presets.get(name);
  if (!template) {
    template = parseTemplate(text);
    presets.set(name, template);
  }
  return template;
}

/** A name of a preset has no slash and no Markdown extension; anything else names a file. */
export function isTemplatePath(setting: string): boolean {
  return /[\\/]/.test(setting) || /\.(md|markdown)$/i.test(setting);
}

/** The configured template for a document; never throws, a problem in words instead. */
export function loadTemplate(config: Config, document: Pick<SourceDocument, 'path' | 'root'>): TemplateState {
  const setting = (typeof config.template === 'string' ? config.template : '').trim() || DEFAULT_PRESET;
  if (!isTemplatePath(setting)) {
    const template = presetTemplate(setting);
    return template
      ? { source: setting, template }
      : { source: setting, problem: `"${quoteText(setting)}" is neither a preset (${PRESET_NAMES.join(', ')}) nor the path of a Markdown file` };
  }
  return loadTemplateFile(setting, document, config.allowPathsOutsideWorkspace === true);
}

interface CachedTemplate {
  key: string;
  template: PostmortemTemplate;
}

/** By resolved path: the version (mtime, size) read last. A few teams' templates at most. */
const files = new Map<string, CachedTemplate>();
const MAX_CACHED_FILES = 16;

function loadTemplateFile(setting: string, document: Pick<SourceDocument, 'path' | 'root'>, allowOutside: boolean): TemplateState {
  const shown = `"${quoteText(setting)}"`;
  const base = document.root ?? (document.path ? path.dirname(document.path) : undefined);
  if (!path.isAbsolute(setting) && base === undefined) {
    return { source: setting, problem: `${shown} is relative, and this document has no folder to resolve it against` };
  }
  const file = path.resolve(base ?? '/', setting);
  if (!allowOutside) {
    if (document.root === undefined && base === undefined) return { source: setting, problem: `${shown} is not read: this document has no workspace folder` };
    const outside = outsideRootReason(file, base, false, quoteText(setting));
    if (outside) return { source: setting, problem: outside };
  }
  try {
    const stat = fs.statSync(file);
    const key = `${stat.mtimeMs}\0${stat.size}\0${stat.ino}`;
    const cached = files.get(file);
    if (cached?.key === key) return { source: setting, template: cached.template };
    const template = parseTemplate(readTextFileSync(file, { maxBytes: READ_LIMITS.template, what: 'template' }, shown));
    files.delete(file);
    files.set(file, { key, template });
    if (files.size > MAX_CACHED_FILES) files.delete(files.keys().next().value as string);
    return { source: setting, template };
  } catch (e) {
    if (e instanceof WorkspaceError) return { source: setting, problem: e.message };
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { source: setting, problem: `${shown}: no such file` };
    return { source: setting, problem: `${shown}: cannot read (${code ?? 'error'})` };
  }
}
