/**
 * The names of `lint --format`, the first the default: the lint command's help lists them at
 * start-up, before any formatter (SARIF's rule table, JUnit's XML) is loaded. format/index.ts
 * holds one formatter per name, in this order.
 */
export const FORMAT_NAMES = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit'] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];
