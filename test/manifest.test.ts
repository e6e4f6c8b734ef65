import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { SETTINGS } from '../server/src/core/config';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
const properties: Record<string, Record<string, unknown>> = manifest.contributes.configuration.properties;

/** The JSON type VS Code's settings editor needs for each kind of setting. */
const JSON_TYPES: Record<string, string> = {
  boolean: 'boolean',
  number: 'number',
  string: 'string',
  'string[]': 'array',
  rules: 'object',
  requiredSections: 'array',
};

describe('package.json contributes every setting of SETTINGS (sync with: npx tsx scripts/sync-manifest.ts)', () => {
  test('one property per setting, and no other', () => {
    assert.deepEqual(Object.keys(properties).sort(), SETTINGS.map((s) => `incidentDocs.${s.key}`).sort());
  });

  for (const setting of SETTINGS) {
    test(`incidentDocs.${setting.key}`, () => {
      const property = properties[`incidentDocs.${setting.key}`];
      assert.ok(property, 'contributed');
      assert.equal(property.type, JSON_TYPES[setting.type]);
      assert.deepEqual(property.default, setting.default);
      assert.equal(property.description, setting.description);
      assert.ok(String(property.description).length > 10, 'described');
      // Per resource, so each workspace folder (and the server's per-document pull) can differ.
      assert.equal(property.scope, 'resource');
    });
  }

  test('rule levels offered are the ones the config resolver accepts', () => {
    const levels = (properties['incidentDocs.rules'].additionalProperties as { enum: string[] }).enum;
    assert.deepEqual([...levels].sort(), ['error', 'hint', 'info', 'off', 'warning']);
  });
});

describe('package.json wiring', () => {
  test('the entry point is the bundled client and activation covers the documents served', () => {
    assert.equal(manifest.main, './dist/extension.js');
    for (const event of ['onLanguage:markdown', 'onLanguage:yaml', 'workspaceContains:.incident-docs.yaml']) {
      assert.ok(manifest.activationEvents.includes(event), event);
    }
  });
});
