/**
 * The state every extension test must leave as it found it: the workspace folder's files and
 * folders, and this extension's settings (index.ts checks both after each test).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extension, workspaceRoot } from './helpers';

/** Every file and folder of the workspace folder: relative path -> content (null for a folder). */
export type WorkspaceSnapshot = Map<string, Buffer | null>;

export function snapshotWorkspace(root = workspaceRoot()): WorkspaceSnapshot {
  const snapshot: WorkspaceSnapshot = new Map();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(root, full);
      if (entry.isDirectory()) {
        snapshot.set(relative, null);
        walk(full);
      } else {
        snapshot.set(relative, readFileSync(full));
      }
    }
  };
  walk(root);
  return snapshot;
}

/**
 * Puts the workspace folder back as `before` was and returns what differed ("changed: x",
 * "added: y", "removed: z"): a test must leave it as found, and the next test must not pay for it.
 */
export function restoreWorkspace(before: WorkspaceSnapshot, root = workspaceRoot()): string[] {
  const now = snapshotWorkspace(root);
  const differences: string[] = [];
  // Deepest first, so a folder is emptied before it is removed.
  for (const relative of [...now.keys()].filter((k) => !before.has(k)).sort().reverse()) {
    differences.push(`added: ${relative}`);
    rmSync(path.join(root, relative), { recursive: true, force: true });
  }
  for (const [relative, content] of [...before].sort(([a], [b]) => a.localeCompare(b))) {
    const current = now.get(relative);
    const full = path.join(root, relative);
    if (content === null) {
      if (current !== null) {
        differences.push(current === undefined ? `removed: ${relative}/` : `changed: ${relative}/`);
        rmSync(full, { force: true });
        mkdirSync(full, { recursive: true });
      }
    } else if (current === undefined || current === null || !current.equals(content)) {
      differences.push(`${current === undefined ? 'removed' : 'changed'}: ${relative}`);
      rmSync(full, { recursive: true, force: true });
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
  }
  return differences;
}

/** Settings of this extension a test set and did not take back, at any level. */
export function leftoverSettings(): string[] {
  const properties = Object.keys((extension().packageJSON.contributes?.configuration?.properties ?? {}) as Record<string, unknown>);
  const config = vscode.workspace.getConfiguration();
  return properties.flatMap((key) => {
    const inspected = config.inspect(key);
    const levels = (['globalValue', 'workspaceValue', 'workspaceFolderValue'] as const).filter((level) => inspected?.[level] !== undefined);
    return levels.map((level) => `${key} (${level})`);
  });
}
