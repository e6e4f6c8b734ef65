/**
 * Node flags the server runs with when an editor starts it (the VS Code client passes them; the
 * README gives them to other editors). V8 grows the young generation to 3 x 16 MB while a large
 * inventory is parsed, and keeps it: 2 MB semi-spaces hold the server near 120 MB after opening
 * a 5,000-entry inventory instead of ~140 MB, for a few ms more per edit (see README, Performance).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];
