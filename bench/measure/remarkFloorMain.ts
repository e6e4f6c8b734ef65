/**
 * The floor's process (remarkFloor.ts): loads the parser's bundle beside it with the product's
 * loader, so with a code cache as dist/cli.js loads the shared bundle, and parses argv[2].
 */
import { join } from 'node:path';
import { loadBundle } from '../../contract/src/bundleLoader';

const floor = loadBundle(join(__dirname, 'remark-floor.js')) as typeof import('./remarkFloor');
if (!floor.parseFile(process.argv[2])) process.exitCode = 1;
