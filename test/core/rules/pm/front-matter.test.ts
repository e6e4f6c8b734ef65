/** pm/front-matter: the built-in fields and a team's JSON Schema, by line and column, with "did you mean" and its fix. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { lint } from '../../../../server/src/core/lint';
import type { Finding } from '../../../../server/src/core/types';
import { applyEdits, byRule, config, covered, lintPostmortem, NOW } from '../../../helpers/lint';

const RULE = 'pm/front-matter';
const at = (f: Finding) => `${f.range.start.line + 1}:${f.range.start.character + 1}`;
/** Each finding as "line:column covered-text | message". */
const summary = (text: string, findings: Finding[]) => findings.map((f) => `${at(f)} ${covered(text, f)} | ${f.message}`);
const check = (text: string, values: Record<string, unknown> = {}) => summary(text, byRule(lintPostmortem(text, values), RULE));

describe('pm/front-matter: the built-in fields', () => {
  it('a front matter with every built-in field right gets nothing', () => {
    const text = [
      '---',
      'title: Gateway outage',
      'date: 2026-03-02',
      'status: in-review',
      'severity: SEV2',
      'authors: [Ana, Bo]',
      'incident:',
      '  started: 2026-03-02T14:05:00Z',
      '  detected: 2026-03-02 14:20',
      '  acknowledged: 2026-03-02T14:22+01:00',
      '  mitigated: 2026-03-02T15:00:00.5Z',
      '  resolved: 2026-03-02T16:00Z',
      'services: gateway',
      'tickets: [OPS-1, 1234]',
      'timezone: UTC',
      'layout: post', // a site generator's key: the team's own
      'author: Ana', // Jekyll's, not a slip for authors
      '---',
      '# Post-mortem: Gateway outage',
    ].join('\n');
    assert.deepEqual(check(text), []);
  });

  it('reports each wrong value at the value and each near-miss key at the key, by line and column', () => {
    const text = [
      '---', // 1
      'title: [Gateway, outage]', // 2
      'status: in review', // 3
      'sevrity: SEV2', // 4
      'severity: sev 2', // 5
      'date: 2026-02-30', // 6
      'authors: [Ana, 3]', // 7
      'incident:', // 8
      '  started: 2026-03-02', // 9
      '  resovled: 2026-03-02T10:00Z', // 10
      'services: {gateway: down}', // 11
      'Tickets: OPS-1', // 12
      '---',
      '# Post-mortem: Gateway outage',
    ].join('\n');
    assert.deepEqual(check(text), [
      '2:8 [Gateway, outage] | `title` should be text, not a list.',
      '3:9 in review | `status` should be one of “draft”, “in-review”, “reviewed”, “published”, not “in review”: did you mean “in-review”?',
      '4:1 sevrity | Unknown key `sevrity`: did you mean `severity`?',
      '5:11 sev 2 | `severity` should be one of “SEV1”, “SEV2”, “SEV3”, “SEV4”, “SEV5”, not “sev 2”: did you mean “SEV2”?',
      '6:7 2026-02-30 | `date` should be a date (2026-03-02), not “2026-02-30”.',
      '7:16 3 | `authors[1]` should be text, not 3.',
      '9:12 2026-03-02 | `incident.started` should be a date and time (2026-03-02T14:05:00Z), not “2026-03-02”.',
      '10:3 resovled | Unknown key `resovled` in `incident`: did you mean `resolved`?',
      '11:11 {gateway: down} | `services` should be a list or text, not a mapping.',
      '12:1 Tickets | Unknown key `Tickets`: did you mean `tickets`?',
    ]);
  });

  it('"did you mean" comes with a fix that puts the known key or value in its place', () => {
    const text = '---\nstatus: Draft\nsevrity: SEV1\nincident:\n  resolvd: 2026-03-02T10:00Z\n---\n# Post-mortem: X\n';
    const findings = byRule(lintPostmortem(text), RULE);
    assert.equal(findings.length, 3);
    const fixed = applyEdits(text, findings.flatMap((f) => f.fixes?.[0]?.edits ?? []));
    assert.equal(fixed, '---\nstatus: draft\nseverity: SEV1\nincident:\n  resolved: 2026-03-02T10:00Z\n---\n# Post-mortem: X\n');
    assert.deepEqual(byRule(lintPostmortem(fixed), RULE), []);
  });

  it('severities come from the setting; an empty list takes any text', () => {
    const text = '---\nseverity: P2\n---\n# Post-mortem: X\n';
    assert.deepEqual(check(text), ['2:11 P2 | `severity` should be one of “SEV1”, “SEV2”, “SEV3”, “SEV4”, “SEV5”, not “P2”.']);
    assert.deepEqual(check(text, { severities: ['P1', 'P2', 'P3'] }), []);
    assert.deepEqual(check('---\nseverity: p 3\n---\n# X\n', { severities: ['P1', 'P2', 'P3'] }), ['2:11 p 3 | `severity` should be one of “P1”, “P2”, “P3”, not “p 3”: did you mean “P3”?']);
    assert.deepEqual(check(text, { severities: [] }), []);
  });

  it('a key far from every known one is the team’s own: not reported (the shared corpus’s icco keys)', () => {
    const text = '---\nuuid: 01494547\nurl: http://example.com/\nstart_time: 2007-12-05T22:04:00Z\nkeywords: [a]\ncompany: CCP\n---\n# X\n';
    assert.deepEqual(check(text), []);
  });

  it('a value left as the template’s `{{ placeholder }}` says so (YAML would read it as a mapping)', () => {
    const text = '---\ndate: {{ date }}\ntitle: Post-mortem - {{ what broke }}\n---\n# X\n';
    assert.deepEqual(check(text), ['2:7 {{ date }} | `date` is still the template’s placeholder “{{ date }}”.']);
  });

  it('front matter that is not YAML, or not a mapping, is one finding; the rest of the document is still checked', () => {
    const broken = '---\ntitle: [Gateway\n---\n# Post-mortem: X\n\n## Overview\n';
    const findings = lintPostmortem(broken);
    assert.deepEqual(summary(broken, byRule(findings, RULE)).map((s) => s.replace(/\(.*\)/, '(…)')), ['2:16  | Front matter is not valid YAML (…).']);
    assert.ok(byRule(findings, 'pm/required-section').length > 0);
    assert.deepEqual(check('---\n- a\n- b\n---\n# X\n'), ['2:1 - a\n- b | Front matter should be a mapping of keys (title: …, date: …), not a list.']);
    assert.deepEqual(check('---\n---\n# X\n'), [], 'an empty front matter is fine');
    assert.deepEqual(check('---\ntitle: a\nincident:\n  started: x\n  started: y\n---\n# X\n'), ['5:3 started | Front matter gives the key `started` twice.']);
  });

  it('a key given twice among 5,000 is found (by a set: the parser’s own check compares every pair of keys)', () => {
    const keys = Array.from({ length: 5_000 }, (_, i) => `k${i}: ${i}`);
    const text = `---\n${keys.join('\n')}\nk7: again\n---\n# X\n`;
    assert.deepEqual(check(text), ['5002:1 k7 | Front matter gives the key `k7` twice.']);
  });

  it('a billion-laughs front matter is one finding, not a hang', () => {
    const lines = ['---', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
    const text = `${lines.join('\n')}\n---\n# X\n`;
    const findings = byRule(lintPostmortem(text), RULE);
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /^Front matter is not read \(Excessive alias count/);
    assert.equal(at(findings[0]), '1:1');
  });

  it('CRLF line ends: positions still land on the key and the value', () => {
    const text = '---\r\ntitle: X\r\nstatus: drft\r\n---\r\n# Post-mortem: X\r\n';
    assert.deepEqual(check(text), ['3:9 drft | `status` should be one of “draft”, “in-review”, “reviewed”, “published”, not “drft”: did you mean “draft”?']);
  });

  it('hostile text in a key or value is quoted short and escaped', () => {
    const text = `---\nstatus: "\\e]0;owned\\a${'x'.repeat(5000)}"\n---\n# X\n`;
    const [finding] = byRule(lintPostmortem(text), RULE);
    assert.ok(finding.message.length < 300, finding.message.slice(0, 400));
    assert.match(finding.message, /not “\\x1B\]0;owned\\x07x+…”\.$/);
  });

  it('the model keeps `frontMatter.data` for its readers, and the title still comes from it', async () => {
    const { analyze } = await import('../../../../server/src/core/lint');
    const text = '---\ntitle: From front matter\nincident:\n  resolved: 2026-03-02T10:00Z\n---\n# Heading\n';
    const [parsed] = analyze({ path: 'postmortems/x.md', text }, config(), { kind: 'postmortem' }).parsed;
    const model = parsed.model as import('../../../../server/src/core/postmortem/model').PostmortemModel;
    assert.deepEqual(model.frontMatter?.data, { title: 'From front matter', incident: { resolved: '2026-03-02T10:00Z' } });
    assert.equal(model.title, 'From front matter');
  });
});

describe('pm/front-matter: the team’s schema (frontMatterSchema)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pm-front-matter-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string | Buffer) => {
    const target = path.join(dir, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
    return target;
  };
  const lintWith = (text: string, schema: string, values: Record<string, unknown> = {}) =>
    byRule(lint({ path: path.join(dir, 'postmortems', 'pm.md'), root: dir, text }, config({ frontMatterSchema: schema, ...values }), { now: NOW, kind: 'postmortem' }), RULE);
  const checkWith = (text: string, schema: string, values: Record<string, unknown> = {}) => summary(text, lintWith(text, schema, values));

  const TEAM = file(
    'schemas/front-matter.schema.json',
    JSON.stringify({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      required: ['team'],
      properties: {
        team: { type: 'string', enum: ['payments', 'platform', 'search'], description: 'The team that owns the post-mortem.' },
        customerImpact: { type: 'boolean' },
        region: { type: 'string', pattern: '^[a-z]{2}-[a-z]+-\\d$' },
        reviewers: { type: 'array', items: { type: 'string', format: 'email' }, uniqueItems: true, minItems: 1 },
        incident: { type: 'object', properties: { pagedAt: { type: 'string' } } },
      },
    }),
  );

  it('checks the team’s fields beside the built-in ones, each at its key or value', () => {
    const text = [
      '---', // 1
      'title: Outage', // 2
      'team: payment', // 3
      'customerImpact: yes', // 4
      'region: EU-west-1', // 5
      'reviewers: [ana@example.com, not-an-address, ana@example.com]', // 6
      'regoin: eu-west-1', // 7
      'incident:', // 8
      '  pagdAt: 2026-03-02T10:00Z', // 9
      '---',
      '# Post-mortem: Outage',
    ].join('\n');
    assert.deepEqual(checkWith(text, TEAM), [
      '3:7 payment | `team` should be one of “payments”, “platform”, “search”, not “payment”: did you mean “payments”?',
      '4:17 yes | `customerImpact` should be true or false, not “yes”.',
      '5:9 EU-west-1 | `region` does not match the schema’s pattern “^[a-z]{2}-[a-z]+-\\d$”: “EU-west-1”.',
      '6:30 not-an-address | `reviewers[1]` should be an e-mail address, not “not-an-address”.',
      '6:46 ana@example.com | `reviewers` lists the same item twice (items 1 and 3).',
      '7:1 regoin | Unknown key `regoin`: did you mean `region`?',
      '9:3 pagdAt | Unknown key `pagdAt` in `incident`: did you mean `pagedAt`?',
    ]);
  });

  it('a missing required key is reported at the opening fence', () => {
    assert.deepEqual(checkWith('---\ntitle: Outage\n---\n# X\n', TEAM), ['1:1 --- | Missing required key `team`.']);
  });

  it('additionalProperties: false closes the mapping to keys neither schema declares; the built-in keys stay allowed', () => {
    const closed = file('closed.schema.yaml', 'type: object\nproperties:\n  team: {type: string}\nadditionalProperties: false\n');
    const text = '---\ntitle: X\nstatus: draft\nteam: a\nlayout: post\nteem: b\n---\n# X\n';
    assert.deepEqual(checkWith(text, closed), [
      '5:1 layout | Unknown key `layout`: the schema allows no others.',
      '6:1 teem | Unknown key `teem`: the schema allows no others; did you mean `team`?',
    ]);
  });

  it('a relative path is resolved against the workspace folder; a YAML schema and the 2020-12 draft work', () => {
    file('docs/fm.yaml', "$schema: https://json-schema.org/draft/2020-12/schema\nproperties:\n  tier: {enum: [1, 2, 3]}\n  oncall: {type: string, minLength: 3}\n");
    assert.deepEqual(checkWith('---\ntier: 4\noncall: ab\n---\n# X\n', 'docs/fm.yaml'), [
      '2:7 4 | `tier` should be one of “1”, “2”, “3”, not 4.',
      '3:9 ab | `oncall` should be at least 3 characters long.',
    ]);
  });

  it('standard formats are checked (by linear patterns), unknown ones ignored', () => {
    const schema = file('formats.json', JSON.stringify({ properties: { vip: { format: 'ipv6' }, page: { format: 'uri' }, started: { format: 'date-time' }, odd: { format: 'x-team-id' } } }));
    assert.deepEqual(checkWith('---\nvip: "::1"\npage: https://e.x/p\nstarted: 2026-03-02T14:05:00Z\nodd: anything\n---\n# X\n', schema), []);
    assert.deepEqual(checkWith('---\nvip: 10.0.0.1\npage: not a uri\nstarted: 2026-03-02 14:05\n---\n# X\n', schema), [
      '2:6 10.0.0.1 | `vip` should be in the format “ipv6”, not “10.0.0.1”.',
      '3:7 not a uri | `page` should be a URI (https://…), not “not a uri”.',
      '4:10 2026-03-02 14:05 | `started` should be a date and time with its zone (2026-03-02T14:05:00Z), not “2026-03-02 14:05”.',
    ]);
  });

  it('draft-04 schemas and anyOf are said in words (not each branch’s failure)', () => {
    const schema = file('d4.json', JSON.stringify({ $schema: 'http://json-schema.org/draft-04/schema#', properties: { budget: { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string', pattern: '^\\d+k$' }] } } }));
    assert.deepEqual(checkWith('---\nbudget: lots\n---\n# X\n', schema), ['2:9 lots | `budget` matches none of the forms the schema allows: “lots”.']);
  });

  it('a schema edited on disk is read again; an unchanged one is not re-read', () => {
    const schema = file('edited.json', JSON.stringify({ properties: { tier: { type: 'integer' } } }));
    const text = '---\ntier: high\n---\n# X\n';
    assert.equal(lintWith(text, schema).length, 1);
    writeFileSync(schema, JSON.stringify({ properties: { tier: { type: 'string' } } }));
    utimesSync(schema, new Date(Date.now() + 5000), new Date(Date.now() + 5000));
    assert.deepEqual(lintWith(text, schema), []);
  });

  describe('a schema that cannot be used is one finding at the opening fence, and the built-in fields are still checked', () => {
    const text = '---\nstatus: drafty\n---\n# X\n';
    const problems = (schema: string, values: Record<string, unknown> = {}) => checkWith(text, schema, values);
    const notUsed = (reason: RegExp, schema: string, values: Record<string, unknown> = {}) => {
      const [first, ...rest] = problems(schema, values);
      assert.match(first, /^1:1 --- \| Front-matter schema not used: /);
      assert.match(first, reason);
      assert.deepEqual(rest.map((r) => r.split(' |')[0]), ['2:9 drafty']);
    };

    it('missing', () => notUsed(/"missing\.json": no such file\.$/, 'missing.json'));
    it('not JSON', () => notUsed(/not valid JSON/, file('bad.json', '{"properties": ')));
    it('not a JSON Schema', () => notUsed(/invalid\.json": it is not a valid JSON Schema: properties\.a\.type must be equal to one of the allowed values\.$/, file('invalid.json', '{"properties": {"a": {"type": "strin"}}}')));
    it('a list, not a schema', () => notUsed(/it is not a JSON Schema \(an object\)/, file('list.json', '[1, 2]')));
    it('larger than 256 KB', () => notUsed(/larger than 256 KB \(the limit for a front-matter schema/, file('huge.json', `{"description": "${'x'.repeat(300 * 1024)}"}`)));
    it('a folder', () => notUsed(/a folder, not read/, (mkdirSync(path.join(dir, 'folder.json'), { recursive: true }), path.join(dir, 'folder.json'))));
    it('outside the workspace', () => notUsed(/is outside the workspace/, '../elsewhere.json'));
    it('a pattern with a look-ahead (not linear)', () => notUsed(/pattern "\(\?=x\)a": it uses a look-ahead, which linear-time matching does not support/, file('lookahead.json', '{"properties": {"a": {"pattern": "(?=x)a"}}}')));
    it('a recursive reference', () => notUsed(/"#\/definitions\/a" refers to itself/, file('recursive.json', '{"definitions": {"a": {"anyOf": [{"$ref": "#/definitions/a"}]}}, "$ref": "#/definitions/a"}')));
    it('a remote reference', () => notUsed(/refers to "https:\/\/example\.com\/s\.json"; only references inside the file/, file('remote.json', '{"$ref": "https://example.com/s.json"}')));
    it('references that unfold exponentially (2^30 checks of one value)', () => {
      const definitions: Record<string, unknown> = { l30: { type: 'string' } };
      for (let i = 0; i < 30; i++) definitions[`l${i}`] = { anyOf: [{ allOf: [{ $ref: `#/definitions/l${i + 1}` }, false] }, { $ref: `#/definitions/l${i + 1}` }] };
      notUsed(/its references unfold into more than 20,000 subschemas/, file('exponential.json', JSON.stringify({ definitions, properties: { a: { $ref: '#/definitions/l0' } } })));
    });
    it('nested thousands deep', () => notUsed(/nests more than 64 levels deep/, file('deep.json', `${'{"not":'.repeat(5000)}{}${'}'.repeat(5000)}`)));
  });

  it('a pattern that backtracks exponentially in JavaScript runs in linear time (RE2)', () => {
    const schema = file('redos.json', JSON.stringify({ properties: { code: { type: 'string', pattern: '^(a+)+$' } }, patternProperties: { '^(x+x+)+y$': { type: 'string' } } }));
    // A backtracking engine takes longer than the universe has on these; RE2 answers at once.
    const text = `---\ncode: ${'a'.repeat(50_000)}!\n${'x'.repeat(1000)}: 1\n---\n# X\n`;
    const findings = checkWith(text, schema);
    assert.equal(findings.length, 1);
    assert.match(findings[0], /^2:7 a+! \| `code` does not match the schema’s pattern “\^\(a\+\)\+\$”: “a+…”\.$/);
  });
});

describe('pm/front-matter: which fixes are safe to apply unattended', () => {
  const fixesOf = (text: string) => byRule(lintPostmortem(text), RULE).map((f) => ({ key: covered(text, f), safe: f.fixes?.[0] ? f.fixes[0].safe === true : 'no fix' }));
  it('a value and a lone near-miss key are safe; a rename onto a key already there is not', () => {
    assert.deepEqual(fixesOf('---\nstatus: in review\nsevrity: SEV2\n---\n# Post-mortem: X'), [
      { key: 'in review', safe: true },
      { key: 'sevrity', safe: true },
    ]);
    assert.deepEqual(fixesOf('---\nseverity: SEV2\nsevrity: SEV3\n---\n# Post-mortem: X'), [{ key: 'sevrity', safe: false }]);
  });
  it('two keys that would both become the same one are not renamed unattended', () => {
    assert.deepEqual(fixesOf('---\nsevrity: SEV2\nseverty: SEV3\n---\n# Post-mortem: X'), [
      { key: 'sevrity', safe: false },
      { key: 'severty', safe: false },
    ]);
  });
});
