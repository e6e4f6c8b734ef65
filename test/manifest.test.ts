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
  wordLists: 'object',
  daysByName: 'object',
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
  test('every npm bin is a built script that starts with a shebang (npm links it as an executable)', () => {
    for (const [name, file] of Object.entries(manifest.bin as Record<string, string>)) {
      const text = readFileSync(path.join(__dirname, '..', file), 'utf8');
      assert.ok(text.startsWith('#!/usr/bin/env node\n'), `${name} (${file}) has no shebang`);
    }
  });

  test('the entry point is the bundled client and activation covers the documents served', () => {
    assert.equal(manifest.main, './dist/extension.js');
    for (const event of ['onLanguage:markdown', 'onLanguage:yaml', 'workspaceContains:.incident-docs.yaml']) {
      assert.ok(manifest.activationEvents.includes(event), event);
    }
  });
});

describe('package.json: the VS Code client features', () => {
  // Imported lazily so the settings checks above run even if the client cannot be loaded.
  const { CLIENT_COMMANDS: COMMANDS, CERTIFICATES_VIEW } = require('../contract/src/commandIds') as typeof import('../contract/src/commandIds');
  const contributed: { command: string; title: string; category?: string }[] = manifest.contributes.commands ?? [];
  const byId = new Map(contributed.map((c) => [c.command, c]));

  test('every client command is contributed with a title in the "Incident Docs" category, and nothing else is', () => {
    assert.deepEqual([...byId.keys()].sort(), Object.values(COMMANDS).sort());
    for (const c of contributed) {
      assert.equal(c.category, 'Incident Docs', c.command);
      assert.ok(c.title.length > 3, c.command);
    }
    assert.equal(byId.get(COMMANDS.newPostmortem)?.title, 'New Post-Mortem');
    assert.equal(byId.get(COMMANDS.insertTimelineEntry)?.title, 'Insert Timeline Entry Now');
    assert.equal(byId.get(COMMANDS.scanWorkspace)?.title, 'Scan Workspace');
    assert.equal(byId.get(COMMANDS.checkLiveCertificate)?.title, 'Check Live Certificate…');
    assert.equal(byId.get(COMMANDS.lookUpCertificate)?.title, 'Look Up Certificate…');
  });

  test('every contributed command is registered by the client', () => {
    const source = readFileSync(path.join(__dirname, '../client/src/commands/register.ts'), 'utf8');
    for (const [key, id] of Object.entries(COMMANDS)) assert.match(source, new RegExp(`registerCommand\\(CLIENT_COMMANDS\\.${key},`), id);
  });

  test('menus name contributed commands; view-only commands are hidden from the palette', () => {
    const menus: Record<string, { command: string; when?: string }[]> = manifest.contributes.menus;
    for (const items of Object.values(menus)) for (const item of items) assert.ok(byId.has(item.command), item.command);
    const palette = new Map(menus.commandPalette.map((m) => [m.command, m.when]));
    assert.equal(palette.get(COMMANDS.openCertificate), 'false');
    assert.equal(palette.get(COMMANDS.refreshCertificates), 'false');
    const context = menus['view/item/context'].filter((m) => m.command === COMMANDS.checkLiveCertificate);
    assert.ok(context.length > 0 && context.every((m) => m.when?.includes(`view == ${CERTIFICATES_VIEW}`) && m.when.includes('viewItem == certificate.live')));
    assert.ok(menus['view/title'].some((m) => m.command === COMMANDS.refreshCertificates && m.when === `view == ${CERTIFICATES_VIEW}`));
  });

  test('the Certificates view is in the Explorer; activation only on what is needed', () => {
    assert.deepEqual(manifest.contributes.views.explorer.map((v: { id: string }) => v.id), [CERTIFICATES_VIEW]);
    assert.deepEqual([...manifest.activationEvents].sort(), [
      'onLanguage:markdown',
      'onLanguage:yaml',
      `onView:${CERTIFICATES_VIEW}`,
      'workspaceContains:.incident-docs.yaml',
    ].sort());
  });

  test('the icon is a 128x128 PNG that the package ships', () => {
    const png = readFileSync(path.join(__dirname, '..', manifest.icon));
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    assert.equal(png.readUInt32BE(16), 128, 'width');
    assert.equal(png.readUInt32BE(20), 128, 'height');
    // package.json's files is what both the .vsix and the npm package ship.
    assert.ok((manifest.files as string[]).includes(`${manifest.icon.split('/')[0]}/`), 'files names the icon\'s folder');
  });
});

describe('yamlValidation and the .incident-docs.yaml schema (sync with: npx tsx scripts/sync-manifest.ts)', () => {
  const { configFileSchema, CONFIG_SCHEMA_FILE } = require('../scripts/sync-manifest') as typeof import('../scripts/sync-manifest');
  const validations: { fileMatch: string[]; url: string }[] = manifest.contributes.yamlValidation;
  const schema: { properties: Record<string, { default?: unknown }>; additionalProperties?: unknown } = JSON.parse(readFileSync(CONFIG_SCHEMA_FILE, 'utf8'));

  test('each schema exists, and the inventory schema covers the default inventory globs', () => {
    for (const v of validations) assert.ok(readFileSync(path.join(__dirname, '..', v.url), 'utf8').length > 100, v.url);
    const inventory = validations.find((v) => v.url.endsWith('cert-inventory.schema.json'));
    const config = validations.find((v) => v.url.endsWith('incident-docs-config.schema.json'));
    assert.ok(config?.fileMatch.includes('.incident-docs.yaml'));
    const picomatch = require('picomatch') as typeof import('picomatch');
    const defaults = SETTINGS.find((s) => s.key === 'inventoryGlobs')!.default as string[];
    const byDefaults = picomatch(defaults, { dot: true });
    const bySchema = picomatch(inventory!.fileMatch, { dot: true });
    const samples = ['ops/cert-inventory.yaml', 'ops/cert-inventory-prod.yml', 'certificates.yaml', 'a/certificates-eu.yml', 'x/certs/inventory.yaml', 'certs/inventory.yml', 'a/inventory.yaml', 'a/certs.yaml', 'x.yaml'];
    for (const sample of samples) assert.equal(bySchema(sample), byDefaults(sample), sample);
  });

  test('the schema file is what SETTINGS generates, with every setting and nothing else', () => {
    assert.deepEqual(schema, configFileSchema() as unknown);
    assert.deepEqual(Object.keys(schema.properties).sort(), SETTINGS.map((s) => s.key).sort());
    assert.equal(schema.additionalProperties, false);
    for (const s of SETTINGS) assert.deepEqual(schema.properties[s.key].default, s.default, s.key);
  });

  test('the schema accepts what the config resolver accepts and rejects what it reports', async () => {
    const Ajv = (await import('ajv')).default;
    const { resolveConfig } = await import('../server/src/core/config');
    const validate = new Ajv({ strict: false }).compile(schema);
    const accepted = [
      Object.fromEntries(SETTINGS.map((s) => [s.key, s.default])),
      { rules: { 'pm/empty-row': 'off', 'pm/timeline-zone': 'warn' }, requiredSections: ['Summary', { name: 'Root Cause', aliases: ['Causes'] }], postmortemFolder: 'docs/pm' },
    ];
    for (const values of accepted) {
      assert.ok(validate(values), JSON.stringify(validate.errors));
      assert.deepEqual(resolveConfig([{ source: 't', values }]).problems, []);
    }
    const rejected = [{ warnDay: 30 }, { warnDays: 'thirty' }, { rules: { 'pm/empty-row': 'loud' } }, { postmortemFolder: 3 }];
    for (const values of rejected) {
      assert.equal(validate(values), false, JSON.stringify(values));
      assert.ok(resolveConfig([{ source: 't', values }]).problems.length > 0, JSON.stringify(values));
    }
  });
});
