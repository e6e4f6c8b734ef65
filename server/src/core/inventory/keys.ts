/**
 * The keys an inventory may use, read from the JSON Schema itself so that the schema editors
 * validate against and the cert/unknown-key rule cannot drift apart.
 */
import schema from '../../../../schemas/cert-inventory.schema.json';

const keysOf = (o: { properties: Record<string, unknown> }) => Object.keys(o.properties);

export const TOP_LEVEL_KEYS = keysOf(schema);
export const ENTRY_KEYS = keysOf(schema.definitions.certificate);
export const DEFAULTS_KEYS = keysOf(schema.definitions.defaults);
export const RENEWAL_KEYS = keysOf(schema.definitions.renewal);
export const RENEWAL_METHODS: string[] = schema.definitions.renewal.properties.method.enum;
/** Entry keys that must be set (`expires` too, unless renewal is automated: see missing-field). */
export const REQUIRED_ENTRY_KEYS: string[] = schema.definitions.certificate.required;
/** Methods that renew without a person: judged by their renewal point; `expires` and a `sop` are not needed. */
export const AUTOMATED_RENEWAL_METHODS = ['acme', 'cert-manager'];
/** What an entry inherits from `defaults`: every key the defaults block may hold. */
export const INHERITED_KEYS = DEFAULTS_KEYS;
/** YAML merge keys (`<<: *base`) are structure, not data. */
export const MERGE_KEY = '<<';
/** Required too, but may come from `defaults`; missing ones are warnings, not errors. */
export const REQUIRED_INHERITABLE_KEYS = ['owner', 'notify', 'renewal'];
