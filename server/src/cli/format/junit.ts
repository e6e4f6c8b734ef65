import { escapeControls } from '../../core/quote';
import { ruleDocsUrl } from '../../core/ruleReference';
import { locationOf } from './location';
import type { FileReport, Formatter } from './types';

/**
 * JUnit XML, for CI systems that show test reports (Jenkins, Azure Pipelines, GitLab): one test
 * case per checked file, passing when it has no finding, and one failure per finding. Nothing
 * depends on the clock or the machine (no time, timestamp or hostname), so a run is repeatable.
 */
export const junitFormatter: Formatter = {
  name: 'junit',
  description: 'JUnit XML: a test case per file, a failure per finding (Jenkins, Azure Pipelines, GitLab)',
  format(reports) {
    const failed = reports.filter((r) => r.findings.length > 0).length;
    const counts = `tests="${reports.length}" failures="${failed}" errors="0"`;
    const out = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="incident-docs" ${counts}>`,
      `  <testsuite name="incident-docs lint" ${counts} skipped="0">`,
      ...reports.flatMap(testCase),
      '  </testsuite>',
      '</testsuites>',
    ];
    return `${out.join('\n')}\n`;
  },
};

function testCase(report: FileReport): string[] {
  const name = attribute(escapeControls(report.file));
  if (report.findings.length === 0) return [`    <testcase classname="incident-docs" name="${name}"/>`];
  return [
    `    <testcase classname="incident-docs" name="${name}">`,
    ...report.findings.map((f) => {
      const { line, column } = locationOf(f);
      const detail = `${escapeControls(report.file)}:${line}:${column} ${f.severity} ${f.rule}\n${f.message}\n${ruleDocsUrl(f.rule)}`;
      return `      <failure type="${attribute(f.rule)}" message="${attribute(`${f.severity}: ${f.message}`)}">${text(detail)}</failure>`;
    }),
    '    </testcase>',
  ];
}

/**
 * Characters XML 1.0 cannot hold at all (controls but tab and line breaks, lone surrogates,
 * U+FFFE/U+FFFF) become U+FFFD; messages have their controls escaped already, this is the backstop.
 */
function xmlChars(value: string): string {
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function text(value: string): string {
  return xmlChars(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Line breaks in an attribute would be normalised to spaces by a parser: written as references. */
function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
