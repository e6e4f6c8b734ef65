/**
 * Writes package.json's `contributes.configuration.properties` from SETTINGS in core/config.ts,
 * the one description of every setting. Run after adding or changing a setting:
 *   npx tsx scripts/sync-manifest.ts          (rewrite)
 *   npx tsx scripts/sync-manifest.ts --check  (exit 1 when package.json is out of date)
 * Only that one key is touched; the rest of package.json is kept as it is.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { SETTINGS, type SettingDescriptor } from '../server/src/core/config';

const SECTION = 'incidentDocs';
const LEVELS = ['off', 'hint', 'info', 'warning', 'error'];

function schemaFor(setting: SettingDescriptor): Record<string, unknown> {
  switch (setting.type) {
    case 'boolean':
      return { type: 'boolean' };
    case 'number':
      return { type: 'number', minimum: 0 };
    case 'string':
      return { type: 'string' };
    case 'string[]':
      return { type: 'array', items: { type: 'string' } };
    case 'rules':
      return { type: 'object', additionalProperties: { type: 'string', enum: LEVELS } };
    case 'requiredSections':
      return {
        type: 'array',
        items: {
          anyOf: [
            { type: 'string' },
            {
              type: 'object',
              required: ['name'],
              properties: { name: { type: 'string' }, aliases: { type: 'array', items: { type: 'string' } } },
              additionalProperties: false,
            },
          ],
        },
      };
  }
}

/** The manifest's configuration properties, in SETTINGS order; every setting is per resource (multi-root, per folder). */
export function manifestProperties(): Record<string, unknown> {
  return Object.fromEntries(
    SETTINGS.map((setting, order) => [
      `${SECTION}.${setting.key}`,
      { ...schemaFor(setting), default: setting.default, description: setting.description, scope: 'resource', order },
    ]),
  );
}

function main(): void {
  const file = path.join(__dirname, '..', 'package.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  const wanted = manifestProperties();
  const current = manifest.contributes?.configuration?.properties;
  if (JSON.stringify(current) === JSON.stringify(wanted)) return;
  if (process.argv.includes('--check')) {
    console.error('package.json contributes.configuration is out of date: run npx tsx scripts/sync-manifest.ts');
    process.exit(1);
  }
  manifest.contributes ??= {};
  manifest.contributes.configuration = { title: 'Incident Docs', ...manifest.contributes.configuration, properties: wanted };
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`package.json: ${Object.keys(wanted).length} settings written`);
}

if (require.main === module) main();
