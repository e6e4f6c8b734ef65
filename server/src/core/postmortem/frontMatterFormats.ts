import { DATE_FORMAT, DATE_TIME_FORMAT, isDate, isDateTime } from './frontMatterFields';

/**
 * The built-in fields' formats as ajv takes them: schemaValidator.ts registers them, and the
 * validator of the built-in schema generated at build time (builtInFrontMatter.generated.ts)
 * refers to them here by name.
 */
export const FRONT_MATTER_FORMATS = {
  [DATE_FORMAT]: { type: 'string' as const, validate: isDate },
  [DATE_TIME_FORMAT]: { type: 'string' as const, validate: isDateTime },
};
