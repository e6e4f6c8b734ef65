/**
 * The template a post-mortem is checked against: the `template` setting names a preset or the
 * team's own Markdown file. A file is read through core/workspace/settingFile.ts (bounded, path
 * policy) and parsed once per version: linting on every keystroke only stats it.
 */
import type { Config } from '../config';
import { quoteText } from '../quote';
import type { SourceDocument } from '../types';
import { READ_LIMITS } from '../workspace/readFile';
import { readSettingFile, SettingFileCache } from '../workspace/settingFile';
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

const files = new SettingFileCache<PostmortemTemplate>();

function loadTemplateFile(setting: string, document: Pick<SourceDocument, 'path' | 'root'>, allowOutside: boolean): TemplateState {
  const read = readSettingFile(setting, document, {
    allowOutside,
    limit: { maxBytes: READ_LIMITS.template, what: 'template' },
    cache: files,
    parse: (text) => parseTemplate(text),
  });
  return 'problem' in read ? { source: setting, problem: read.problem } : { source: setting, template: read.value };
}
