/**
 * The server's settings resolve to one config object per content (lsp/settings.ts): an analysis is
 * re-used only under the same object, and a closed file's settings, let go and pulled again, once
 * made the open of an inventory the Certificates view had just parsed parse it a second time.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Connection } from 'vscode-languageserver/node';
import type { ClientFeatures } from '../../server/src/lsp/clientFeatures';
import { Logger } from '../../server/src/lsp/logger';
import { DocumentSettings } from '../../server/src/lsp/settings';
import { WorkspaceFolders } from '../../server/src/lsp/workspaceFolders';

/** A client that answers workspace/configuration with what `answer` holds now, and counts the pulls. */
function client(answer: { value: unknown }) {
  let pulls = 0;
  const connection = {
    workspace: { getConfiguration: async () => (pulls++, structuredClone(answer.value)) },
    console: { log() {}, info() {}, warn() {}, error() {} },
  } as unknown as Connection;
  return { connection, pulls: () => pulls };
}

function settingsOf(connection: Connection): DocumentSettings {
  const features = { configurationPull: true } as ClientFeatures;
  const folders = new WorkspaceFolders({ workspaceFolders: [] } as never);
  return new DocumentSettings(connection, features, folders, new Logger(connection), undefined);
}

describe('settings resolve to one config object per content', () => {
  test('a file let go and pulled again gets the same object while its settings are the same', async () => {
    const answer = { value: { rules: { 'pm/invalid-time': 'warning' } } };
    const { connection, pulls } = client(answer);
    const settings = settingsOf(connection);
    const uri = 'file:///w/cert-inventory.yaml';
    const first = await settings.resolve(uri);
    settings.forget(uri);
    const again = await settings.resolve(uri);
    assert.equal(pulls(), 2, 'pulled again after forget');
    assert.equal(again.config, first.config);
    // Another file with the same settings shares it; other settings get their own.
    assert.equal((await settings.resolve('file:///w/other.yaml')).config, first.config);
    answer.value = { rules: { 'pm/invalid-time': 'off' } };
    settings.forget(uri);
    const changed = await settings.resolve(uri);
    assert.notEqual(changed.config, first.config);
    assert.equal(changed.config.rules['pm/invalid-time'], 'off');
  });

  test('only a few are kept: the least recently used goes', async () => {
    const answer = { value: {} as unknown };
    const { connection } = client(answer);
    const settings = settingsOf(connection);
    const kept = async (i: number) => {
      answer.value = { maxFileSizeBytes: 1_000 + i };
      const uri = `file:///w/f${i}.yaml`;
      settings.forget(uri);
      return (await settings.resolve(uri)).config;
    };
    const first = await kept(0);
    for (let i = 1; i <= 32; i++) await kept(i);
    assert.notEqual(await kept(0), first, 'the 33rd distinct config pushed the first out');
    assert.equal(await kept(32), await kept(32));
  });
});
