// Writes docs/rules.md from each rule's `docs` (the same text `incident-docs rules` prints).
// Usage: npm run docs            (write)
//        npm run docs -- --check (exit 1 when docs/rules.md is out of date)
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { rulesMarkdown } from '../server/src/core/ruleReference';

export const RULES_DOC = path.resolve(__dirname, '..', 'docs', 'rules.md');

const expected = rulesMarkdown();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(RULES_DOC, 'utf8');
  } catch {
    // A missing file is simply out of date.
  }
  if (current !== expected) {
    console.error('docs/rules.md is out of date: run `npm run docs`.');
    process.exit(1);
  }
} else {
  writeFileSync(RULES_DOC, expected);
  console.log(`wrote ${path.relative(process.cwd(), RULES_DOC)}`);
}
